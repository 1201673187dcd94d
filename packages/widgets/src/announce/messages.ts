import type { LocaleMessages } from '../host/catalog';

const en = {
  whatsNew: 'What’s new',
};

/** The announcements' texts: English (the reference, every key), then each locale with the same keys. */
export const announceMessages: LocaleMessages<keyof typeof en> = {
  en,
  zh: { whatsNew: '新功能' },
  fi: { whatsNew: 'Uutta' },
  ar: { whatsNew: 'ما الجديد' },
};

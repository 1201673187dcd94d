import type { LocaleMessages } from './catalog';

const en = {
  close: 'Close',
  dismiss: 'Dismiss',
  learnMore: 'Learn more',
  progress: 'Your progress',
  delete: 'Delete',
  cancel: 'Cancel',
};

/** The texts the shell itself shows (close, dismiss, the launcher's title) and those several widgets share: English (the reference, every key), then each locale with the same keys. */
export const hostMessages: LocaleMessages<keyof typeof en> = {
  en,
  zh: {
    close: '关闭',
    dismiss: '忽略',
    learnMore: '了解更多',
    progress: '你的进度',
    delete: '删除',
    cancel: '取消',
  },
  fi: {
    close: 'Sulje',
    dismiss: 'Piilota',
    learnMore: 'Lue lisää',
    progress: 'Edistymisesi',
    delete: 'Poista',
    cancel: 'Peruuta',
  },
  ar: {
    close: 'إغلاق',
    dismiss: 'تجاهل',
    learnMore: 'اعرف المزيد',
    progress: 'تقدّمك',
    delete: 'حذف',
    cancel: 'إلغاء',
  },
};

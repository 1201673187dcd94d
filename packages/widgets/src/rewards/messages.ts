import type { LocaleMessages } from '../host/catalog';

const en = {
  milestone: 'Milestone reached',
  shareSlack: 'Share to Slack',
  shareDiscord: 'Share to Discord',
  copy: 'Copy text',
  copied: 'Copied',
  shared: 'Shared',
  shareFailed: 'Could not share. Try again later.',
  shareText: 'Milestone reached: {title}',
};

/** The rewards widget's texts: English (the reference, every key), then each locale with the same keys. */
export const rewardsMessages: LocaleMessages<keyof typeof en> = {
  en,
  zh: {
    milestone: '达成里程碑',
    shareSlack: '分享到 Slack',
    shareDiscord: '分享到 Discord',
    copy: '复制文本',
    copied: '已复制',
    shared: '已分享',
    shareFailed: '分享失败，请稍后再试。',
    shareText: '达成里程碑：{title}',
  },
  fi: {
    milestone: 'Virstanpylväs saavutettu',
    shareSlack: 'Jaa Slackiin',
    shareDiscord: 'Jaa Discordiin',
    copy: 'Kopioi teksti',
    copied: 'Kopioitu',
    shared: 'Jaettu',
    shareFailed: 'Jakaminen ei onnistunut. Yritä myöhemmin uudelleen.',
    shareText: 'Virstanpylväs saavutettu: {title}',
  },
  ar: {
    milestone: 'إنجاز جديد',
    shareSlack: 'مشاركة على Slack',
    shareDiscord: 'مشاركة على Discord',
    copy: 'نسخ النص',
    copied: 'تم النسخ',
    shared: 'تمت المشاركة',
    shareFailed: 'تعذّرت المشاركة. حاول مرة أخرى لاحقًا.',
    shareText: 'إنجاز جديد: {title}',
  },
};

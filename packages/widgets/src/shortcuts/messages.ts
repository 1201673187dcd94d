import type { LocaleMessages } from '../host/catalog';

const en = {
  shortcutsTab: 'Shortcuts',
  shortcutsTitle: 'Your shortcuts',
  shortcutsEmpty: 'The features you use most will show here. Pin any of them below.',
  allFeatures: 'All features',
  pin: 'Pin {label}',
  usesMonth: { one: '{n} use in 4 weeks', other: '{n} uses in 4 weeks' },
};

/** The shortcuts widget's texts: English (the reference, every key), then each locale with the same keys. */
export const shortcutsMessages: LocaleMessages<keyof typeof en> = {
  en,
  zh: {
    shortcutsTab: '快捷方式',
    shortcutsTitle: '你的快捷方式',
    shortcutsEmpty: '你最常用的功能会显示在这里。也可以在下方固定任意功能。',
    allFeatures: '全部功能',
    pin: '固定 {label}',
    usesMonth: '4 周内使用 {n} 次',
  },
  fi: {
    shortcutsTab: 'Pikalinkit',
    shortcutsTitle: 'Pikalinkkisi',
    shortcutsEmpty: 'Eniten käyttämäsi toiminnot näkyvät tässä. Voit kiinnittää minkä tahansa alta.',
    allFeatures: 'Kaikki toiminnot',
    pin: 'Kiinnitä {label}',
    usesMonth: { one: '{n} käyttö 4 viikossa', other: '{n} käyttöä 4 viikossa' },
  },
  ar: {
    shortcutsTab: 'الاختصارات',
    shortcutsTitle: 'اختصاراتك',
    shortcutsEmpty: 'ستظهر هنا الميزات التي تستخدمها أكثر. يمكنك تثبيت أيٍّ منها أدناه.',
    allFeatures: 'كل الميزات',
    pin: 'تثبيت {label}',
    usesMonth: {
      zero: '{n} استخدام خلال 4 أسابيع',
      one: 'استخدام واحد خلال 4 أسابيع',
      two: 'استخدامان خلال 4 أسابيع',
      few: '{n} استخدامات خلال 4 أسابيع',
      many: '{n} استخدامًا خلال 4 أسابيع',
      other: '{n} استخدام خلال 4 أسابيع',
    },
  },
};

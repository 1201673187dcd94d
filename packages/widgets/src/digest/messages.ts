import type { LocaleMessages } from '../host/catalog';

const en = {
  digestTitle: 'Your day at a glance',
  yesterday: 'Yesterday',
  thisWeek: 'This week',
  noValue: 'Nothing yet',
  streakDay: { one: '{n} day in a row', other: '{n} days in a row' },
  streakWeek: { one: '{n} week in a row', other: '{n} weeks in a row' },
  showAt: 'Daily at',
  seeRecords: 'See your records',
  lastDays: { one: 'Last {n} day', other: 'Last {n} days' },
};

/** The digest widget's texts: English (the reference, every key), then each locale with the same keys. */
export const digestMessages: LocaleMessages<keyof typeof en> = {
  en,
  zh: {
    digestTitle: '今日速览',
    yesterday: '昨天',
    thisWeek: '本周',
    noValue: '暂无',
    streakDay: '连续 {n} 天',
    streakWeek: '连续 {n} 周',
    showAt: '每天显示于',
    seeRecords: '查看你的记录',
    lastDays: '最近 {n} 天',
  },
  fi: {
    digestTitle: 'Päiväsi lyhyesti',
    yesterday: 'Eilen',
    thisWeek: 'Tällä viikolla',
    noValue: 'Ei vielä mitään',
    streakDay: { one: '{n} päivä putkeen', other: '{n} päivää putkeen' },
    streakWeek: { one: '{n} viikko putkeen', other: '{n} viikkoa putkeen' },
    showAt: 'Päivittäin klo',
    seeRecords: 'Katso historiasi',
    lastDays: { one: 'Viimeinen {n} päivä', other: 'Viimeiset {n} päivää' },
  },
  ar: {
    digestTitle: 'يومك في لمحة',
    yesterday: 'أمس',
    thisWeek: 'هذا الأسبوع',
    noValue: 'لا شيء بعد',
    streakDay: {
      zero: '{n} يوم على التوالي',
      one: 'يوم واحد على التوالي',
      two: 'يومان على التوالي',
      few: '{n} أيام على التوالي',
      many: '{n} يومًا على التوالي',
      other: '{n} يوم على التوالي',
    },
    streakWeek: {
      zero: '{n} أسبوع على التوالي',
      one: 'أسبوع واحد على التوالي',
      two: 'أسبوعان على التوالي',
      few: '{n} أسابيع على التوالي',
      many: '{n} أسبوعًا على التوالي',
      other: '{n} أسبوع على التوالي',
    },
    showAt: 'يوميًا في',
    seeRecords: 'اطّلع على سجلك',
    lastDays: { zero: 'آخر {n} يوم', one: 'آخر يوم', two: 'آخر يومين', few: 'آخر {n} أيام', many: 'آخر {n} يومًا', other: 'آخر {n} يوم' },
  },
};

import type { LocaleMessages } from '../host/catalog';

const en = {
  checklist: 'Get set up',
  checklistTab: 'Setup',
  itemsDone: '{done} of {total} done',
  showMe: 'Show me',
  done: 'Done',
  todo: 'To do',
  checklistDone: 'All set up. Nice work!',
};

/** The checklist widget's texts: English (the reference, every key), then each locale with the same keys. */
export const checklistMessages: LocaleMessages<keyof typeof en> = {
  en,
  zh: {
    checklist: '开始设置',
    checklistTab: '设置',
    itemsDone: '已完成 {done}/{total}',
    showMe: '带我去',
    done: '已完成',
    todo: '未完成',
    checklistDone: '全部设置完成，干得好！',
  },
  fi: {
    checklist: 'Aloita käyttö',
    checklistTab: 'Aloitus',
    itemsDone: '{done}/{total} tehty',
    showMe: 'Näytä',
    done: 'Tehty',
    todo: 'Tekemättä',
    checklistDone: 'Kaikki valmista. Hienoa työtä!',
  },
  ar: {
    checklist: 'ابدأ الإعداد',
    checklistTab: 'الإعداد',
    itemsDone: 'تم {done} من {total}',
    showMe: 'أرني',
    done: 'تم',
    todo: 'لم يتم بعد',
    checklistDone: 'اكتمل الإعداد. عمل رائع!',
  },
};

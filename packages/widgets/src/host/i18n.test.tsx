import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalogs, createTranslator, resolveLocale, type Locale } from './i18n';
import { createFormat } from './format';
import { loadViews, viewOf } from './load-views';
import { flushRender, mountWidgets } from '../test/render';
import { WIDGET_IDS } from '../registry';

describe('lazy texts', () => {
  it("a widget's texts join the catalogs with its view (its chunk), not before", async () => {
    // Other tests in this file may have loaded views already; those that have not bring theirs now.
    const unloaded = WIDGET_IDS.filter((id) => !viewOf(id));
    if (unloaded.includes('records')) expect(catalogs.en).not.toHaveProperty('exportCsv');
    await loadViews(WIDGET_IDS);
    expect(catalogs.en).toHaveProperty('exportCsv');
    expect(catalogs.fi).toHaveProperty('exportCsv');
  });
});

describe('i18n', () => {
  beforeAll(() => loadViews(WIDGET_IDS));

  it('every locale has every key, with the plural forms its language uses', () => {
    const keys = Object.keys(catalogs.en).sort();
    for (const locale of ['zh', 'fi', 'ar'] as Locale[]) {
      expect(Object.keys(catalogs[locale]).sort()).toEqual(keys);
      const rules = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const message of Object.values(catalogs[locale])) {
        if (typeof message === 'object') for (const rule of rules) expect(message[rule], `${locale} ${rule}`).toBeTypeOf('string');
      }
    }
  });

  it('picks plural forms with Intl.PluralRules', () => {
    const en = createTranslator('en');
    expect(en('streakDay', { n: 1 })).toBe('1 day in a row');
    expect(en('streakDay', { n: 5 })).toBe('5 days in a row');
    const fi = createTranslator('fi');
    expect(fi('streakDay', { n: 1 })).toBe('1 päivä putkeen');
    expect(fi('streakDay', { n: 3 })).toBe('3 päivää putkeen');
    const zh = createTranslator('zh');
    expect(zh('streakDay', { n: 1 })).toBe('连续 1 天');
    expect(zh('streakDay', { n: 3 })).toBe('连续 3 天');
    // Arabic: six forms; numbers in the locale's digits.
    const ar = createTranslator('ar');
    const num = new Intl.NumberFormat('ar').format;
    expect(ar('streakDay', { n: 1 })).toBe('يوم واحد على التوالي');
    expect(ar('streakDay', { n: 2 })).toBe('يومان على التوالي');
    expect(ar('streakDay', { n: 3 })).toBe(`${num(3)} أيام على التوالي`);
    expect(ar('streakDay', { n: 11 })).toBe(`${num(11)} يومًا على التوالي`);
    expect(ar('streakDay', { n: 100 })).toBe(`${num(100)} يوم على التوالي`);
  });

  it('formats numbers in the locale', () => {
    expect(createTranslator('en')('uses', { n: 12345 })).toBe('12,345 uses');
    expect(createTranslator('fi')('uses', { n: 12345 })).toBe('12\u00a0345 käyttökertaa');
    expect(createFormat('fi').num(1.5)).toBe('1,5');
  });

  it('formats dates and times with Intl', () => {
    expect(createFormat('en').day('2025-03-12')).toBe('Mar 12, 2025');
    expect(createFormat('fi').day('2025-03-12')).toBe('12.3.2025');
    expect(createFormat('zh').day('2025-03-12')).toBe('2025年3月12日');
    // Core's calendar: 0 = Monday.
    expect(createFormat('en').weekday(0)).toBe('Monday');
    expect(createFormat('fi').weekday(6)).toBe('sunnuntai');
    expect(createFormat('en').time('09:05')).toMatch(/^9:05\sAM$/);
  });

  it('replaceable catalogs override single keys', () => {
    const t = createTranslator('en', { en: { showMe: 'Take me there' } });
    expect(t('showMe')).toBe('Take me there');
    expect(t('close')).toBe('Close');
  });

  it('a replacement without the form a count needs falls back to the built-in one', () => {
    const t = createTranslator('en', { en: { uses: { one: '{n} go' }, done: null as unknown as string } });
    expect(t('uses', { n: 1 })).toBe('1 go');
    expect(t('uses', { n: 3 })).toBe('3 uses');
    expect(t('done')).toBe('Done');
  });

  it('resolves auto from the browser language', () => {
    expect(resolveLocale('auto', 'zh-CN')).toBe('zh');
    expect(resolveLocale('auto', 'fi-FI')).toBe('fi');
    expect(resolveLocale('auto', 'ar-EG')).toBe('ar');
    expect(resolveLocale('auto', 'de-DE')).toBe('en');
    expect(resolveLocale('fi', 'zh-CN')).toBe('fi');
    expect(resolveLocale(undefined, 'fi')).toBe('fi');
  });
});

describe('widgets in each locale', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  const cases = [
    ['en', 'Get set up 1/2', '1 of 2 done', 'Show me'],
    ['zh', '开始设置 1/2', '已完成 1/2', '带我去'],
    ['fi', 'Aloita käyttö 1/2', '1/2 tehty', 'Näytä'],
    [
      'ar',
      `ابدأ الإعداد ${new Intl.NumberFormat('ar').format(1)}/${new Intl.NumberFormat('ar').format(2)}`,
      `تم ${new Intl.NumberFormat('ar').format(1)} من ${new Intl.NumberFormat('ar').format(2)}`,
      'أرني',
    ],
  ] as const;
  for (const [locale, launcher, progress, showMe] of cases) {
    it(locale, async () => {
      const w = await mountWidgets({
        config: {
          locale,
          widgets: {
            checklist: {
              enabled: true,
              items: [
                { id: 'a', label: 'A', event: 'a.done' },
                { id: 'b', label: 'B', event: 'b.done', target: '#b' },
              ],
            },
          },
        },
        days: { '2025-03-11': { 'a.done': 1 } },
      });
      cleanup = w.handle.unmount;
      expect(w.$('.launcher')!.textContent).toBe(launcher);
      w.$('.launcher')!.click();
      await flushRender();
      expect(w.text()).toContain(progress);
      expect(w.$('[data-item=b] button')!.textContent).toBe(showMe);
      expect(w.$('[lang]')!.getAttribute('lang')).toBe(locale);
      expect(w.$('[lang]')!.getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    });
  }
});

describe('config texts in the user language', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());
  const invoices = {
    en: { one: 'invoice', other: 'invoices' },
    fi: { one: 'lasku', other: 'laskua' },
    zh: '张发票',
    ar: { zero: 'فاتورة', one: 'فاتورة', two: 'فاتورة', few: 'فواتير', many: 'فاتورة', other: 'فاتورة' },
  };
  // Yesterday (2025-03-11) one invoice; this week (from Monday 2025-03-10) three.
  const days = { '2025-03-10': { 'invoice.sent': [2, 2] as [number, number] }, '2025-03-11': { 'invoice.sent': [1, 1] as [number, number] } };
  const digest = (locale: Locale) =>
    mountWidgets({ config: { locale, features: { 'invoice.sent': { key: true, value: invoices } }, widgets: { digest: { enabled: true } } }, days });
  const num = (locale: Locale, n: number) => new Intl.NumberFormat(locale).format(n);
  const cases: Array<[Locale, string, string]> = [
    ['en', '1 invoice', '3 invoices'],
    ['fi', '1 lasku', '3 laskua'],
    ['zh', '1 张发票', '3 张发票'],
    ['ar', `${num('ar', 1)} فاتورة`, `${num('ar', 3)} فواتير`],
  ];
  for (const [locale, yesterday, week] of cases) {
    it(`the digest counts in ${locale}: "${yesterday}", "${week}"`, async () => {
      const w = await digest(locale);
      cleanup = w.handle.unmount;
      await vi.waitFor(() => expect(w.$('[data-yesterday]')).not.toBeNull());
      expect(w.$('[data-yesterday]')!.textContent).toBe(yesterday);
      expect(w.$('[data-week]')!.textContent).toBe(week);
    });
  }

  it('checklist texts per locale, English where a locale is missing, and a debug warning naming them', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const w = await mountWidgets({
      options: { debug: true },
      config: {
        locale: 'fi',
        widgets: {
          checklist: {
            enabled: true,
            title: { en: 'Get going', fi: 'Aloitetaan' },
            items: [
              { id: 'a', label: { en: 'Import your clients', fi: 'Tuo asiakkaasi' }, event: 'a.done' },
              { id: 'b', label: { en: 'Send an invoice', zh: '发送发票' }, event: 'b.done' },
            ],
          },
        },
      },
    });
    cleanup = () => (w.handle.unmount(), warn.mockRestore());
    expect(w.$('.launcher')!.textContent).toBe('Aloitetaan 0/2');
    w.$('.launcher')!.click();
    await flushRender();
    expect(w.$('[data-item=a] span')!.firstChild!.textContent).toBe('Tuo asiakkaasi');
    expect(w.$('[data-item=b] span')!.firstChild!.textContent).toBe('Send an invoice');
    expect(warn).toHaveBeenCalledWith("[habitual] these config texts have no 'fi' version, so they show in English: widgets.checklist.items.1.label.");
  });
});

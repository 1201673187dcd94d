import { describe, expect, it } from 'vitest';
import { localText, untranslated } from './local-text';
import { resolveConfig } from './resolve-config';
import { validateConfig } from './validate-config';

describe('config texts in every language', () => {
  it('a text is a string or one per locale; a missing locale falls back to English, then to the first given', () => {
    const text = { en: 'Import your clients', fi: 'Tuo asiakkaasi' };
    expect(localText(text, 'fi')).toBe('Tuo asiakkaasi');
    expect(localText(text, 'zh')).toBe('Import your clients');
    expect(localText({ fi: 'Vain suomeksi' }, 'ar')).toBe('Vain suomeksi');
    expect(localText('Same everywhere', 'zh')).toBe('Same everywhere');
    expect(localText(undefined, 'fi')).toBeUndefined();
  });

  it('a counted word picks its plural form with Intl.PluralRules, per locale', () => {
    const unit = { en: { one: 'invoice', other: 'invoices' }, fi: { one: 'lasku', other: 'laskua' }, zh: '张发票' };
    expect(localText(unit, 'en', 1)).toBe('invoice');
    expect(localText(unit, 'en', 2)).toBe('invoices');
    expect(localText(unit, 'fi', 1)).toBe('lasku');
    expect(localText(unit, 'fi', 5)).toBe('laskua');
    expect(localText(unit, 'zh', 1)).toBe('张发票');
    expect(localText(unit, 'en')).toBe('invoices');
    const ar = { zero: 'فواتير', one: 'فاتورة', two: 'فاتورتان', few: 'فواتير', many: 'فاتورة', other: 'فاتورة' };
    expect(localText({ ar }, 'ar', 2)).toBe('فاتورتان');
    expect(localText({ ar }, 'ar', 3)).toBe('فواتير');
    expect(localText({ ar }, 'ar', 11)).toBe('فاتورة');
  });

  it('is validated through the schema: locales, non-empty strings, plural forms only where a count picks them', () => {
    const problems = validateConfig({
      features: {
        'invoice.sent': { label: { en: 'Send', de: 'Senden' }, value: { en: { one: 'invoice' } } },
        'customer.created': { label: { en: '' }, value: { fi: { one: 'asiakas', other: 'asiakasta' } } },
      },
      milestones: [{ id: 'm', event: 'invoice.sent', title: { one: 'x', other: 'y' } }],
      widgets: { checklist: { items: [{ id: 'a', event: 'invoice.sent', label: { en: 'Send', fi: 'Lähetä' } }] } },
    });
    const wrong = (path: string, plural = false) => ({
      path,
      message: expect.stringMatching(
        new RegExp(
          `^must be a non-empty string or one per locale \\(en, zh, fi, ar\\)${plural ? ", or plural forms such as \\{ one: 'invoice', other: 'invoices' \\}" : ''} \\(got`,
        ),
      ),
    });
    // The checklist item's label, in two locales, is fine.
    expect(problems).toEqual([
      wrong('features.invoice.sent.label'),
      wrong('features.customer.created.label'),
      wrong('features.invoice.sent.value', true),
      wrong('milestones.0.title'),
    ]);
  });

  it('the engine reads English (the collector and host callbacks see it); untranslated() lists what a locale lacks', () => {
    const config = {
      features: { 'invoice.sent': { label: { fi: 'Lähetä lasku', en: 'Send an invoice' }, value: { en: { one: 'invoice', other: 'invoices' } } } },
      milestones: [{ id: 'first', event: 'invoice.sent', title: { en: 'First invoice', fi: 'Ensimmäinen lasku' } }],
      widgets: { checklist: { items: [{ id: 'send', event: 'invoice.sent', label: 'Send one' }] } },
    };
    const resolved = resolveConfig(config);
    expect(resolved.features['invoice.sent']).toMatchObject({ label: 'Send an invoice', value: 'invoices' });
    expect(resolved.milestones[0].title).toBe('First invoice');
    expect(untranslated(config, 'fi')).toEqual(['features.invoice.sent.value']);
    expect(untranslated(config, 'zh')).toEqual(['features.invoice.sent.label', 'features.invoice.sent.value', 'milestones.0.title']);
    expect(untranslated(config, 'en')).toEqual([]);
  });
});

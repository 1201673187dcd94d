import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createKeeper, type HabitualError } from '@habitual/core';
import { init } from './init';
import { anyWidgetEnabled } from './load-widgets';

const keeper = () => ({ createKeeper });

describe('init', () => {
  it('bad options are said on the console and to onError, and the instance still records', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const errors: HabitualError[] = [];
    const h = init({ appId: '', writeKey: 42 as never, endpoint: 'ftp://x', onError: (e) => errors.push(e) }, { keeper, env: undefined });
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0][0])).toMatch(/appId .* required; writeKey .* required; endpoint must be an http\(s\) URL/);
    expect(errors.map((e) => e.message)).toEqual([
      'init(): appId (a string) is required',
      'init(): writeKey (a string) is required',
      'init(): endpoint must be an http(s) URL or a path, got ftp://x',
    ]);
    h.track('invoice.sent');
    expect((await h.exportData()).days[0].features['invoice.sent'].n).toBe(1);
    await h.destroy();
    error.mockRestore();
  });

  it('init(undefined) does not throw', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = init(undefined as never, { keeper, env: undefined });
    expect(() => h.track('invoice.sent')).not.toThrow();
    await h.destroy();
    error.mockRestore();
  });
});

describe('anyWidgetEnabled', () => {
  it('is true only for a widget explicitly enabled', () => {
    expect(anyWidgetEnabled({})).toBe(false);
    expect(anyWidgetEnabled({ widgets: { digest: { enabled: false }, theme: { '--habitual-accent': 'red' } } })).toBe(false);
    expect(anyWidgetEnabled({ widgets: { records: { enabled: true } } })).toBe(true);
    expect(anyWidgetEnabled({ widgets: { records: null as never } })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { BrowserEnv } from '../env';
import { createActiveTime } from './active-time';

/** A window and document whose visibility and focus the test sets. */
function fakeEnv() {
  const win = new EventTarget();
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible', focused: true, hasFocus: () => doc.focused });
  const env = { window: win, document: doc, navigator: {} } as unknown as BrowserEnv;
  return { env, win, doc };
}

function setup() {
  const { env, win, doc } = fakeEnv();
  const clock = { t: 1_000_000 };
  const spans: Array<[number, number]> = [];
  const active = createActiveTime(
    env,
    () => clock.t,
    (at, ms) => spans.push([at, ms]),
  );
  const input = (at: number) => ((clock.t = at), win.dispatchEvent(new Event('pointerdown')));
  const total = () => spans.reduce((s, [, ms]) => s + ms, 0);
  return { active, clock, spans, input, total, win, doc };
}

describe('active time', () => {
  it('counts up to 5 s after each input, from timestamps, without double counting overlaps', () => {
    const t = setup();
    t.input(1_000_000);
    t.input(1_002_000); // 2 s later: the windows overlap
    t.input(1_030_000); // 28 s later: only 5 s of the gap counts
    t.clock.t = 1_031_000;
    t.active.settle();
    expect(t.total()).toBe(2000 + 5000 + 1000);
    t.clock.t = 1_100_000;
    t.active.settle(); // the last window closed at 1_035_000
    expect(t.total()).toBe(2000 + 5000 + 5000);
  });

  it('a hidden or unfocused tab accrues nothing, and leaving closes the window', () => {
    const t = setup();
    t.input(1_000_000);
    t.clock.t = 1_001_000;
    t.doc.visibilityState = 'hidden';
    t.doc.dispatchEvent(new Event('visibilitychange'));
    expect(t.total()).toBe(1000);
    t.input(1_002_000); // input while hidden does not count
    t.doc.visibilityState = 'visible';
    t.doc.focused = false;
    t.input(1_003_000); // visible but another window has focus
    t.clock.t = 1_020_000;
    t.active.settle();
    expect(t.total()).toBe(1000);
  });

  it('stop() settles and detaches', () => {
    const t = setup();
    t.input(1_000_000);
    t.clock.t = 1_004_000;
    t.active.stop();
    expect(t.total()).toBe(4000);
    t.input(1_010_000);
    t.clock.t = 1_012_000;
    t.active.settle();
    expect(t.total()).toBe(4000);
  });
});

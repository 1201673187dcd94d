import { describe, expect, it } from 'vitest';
import { contrastRatio, readableColors } from './contrast';

const rgb = (s: string) => s.match(/\d+/g)!.map(Number);
const hex = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
const LIGHT = hex('#ffffff');
const DARK = hex('#1d2029');

describe('readable colours for any accent', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio(hex('#777777'), LIGHT)).toBeCloseTo(4.48, 2);
  });

  for (const accent of ['#0f766e', '#fde68a', '#1e2a5a', '#4f46e5', '#8b9cff', '#777777', '#ff0000']) {
    for (const [scheme, bg] of [
      ['light', LIGHT],
      ['dark', DARK],
    ] as const) {
      it(`${accent} on a ${scheme} background: text on it and it as text reach 4.5:1`, () => {
        const { on, text } = readableColors(hex(accent), bg);
        expect(contrastRatio(rgb(on), hex(accent))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(rgb(text), bg)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }

  it('keeps the accent where it already reads, and white text where white reads', () => {
    expect(readableColors(hex('#0f766e'), LIGHT)).toEqual({ on: 'rgb(255,255,255)', text: 'rgb(15,118,110)' });
    expect(readableColors(hex('#fde68a'), LIGHT).on).toBe('rgb(0,0,0)');
    // The demo's teal as a link in the dark scheme is lightened (3.0:1 before).
    expect(readableColors(hex('#0f766e'), DARK).text).not.toBe('rgb(15,118,110)');
  });
});

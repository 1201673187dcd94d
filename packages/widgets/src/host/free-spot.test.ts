import { describe, expect, it } from 'vitest';
import { cost, pickSpot, spots } from './free-spot';

const view = { x: 0, y: 0, w: 1000, h: 800 };
const button = (x: number, y: number) => ({ x, y, w: 100, h: 40 });

describe('cost', () => {
  it('counts covered centres, clipped edges by share, our surfaces and the focused control', () => {
    const r = { x: 0, y: 0, w: 200, h: 100 };
    expect(cost(r, [button(500, 500)])).toBe(0);
    expect(cost(r, [button(20, 20)])).toBe(1);
    // 40x30 of the button under r, its centre outside: half its covered share.
    expect(cost(r, [button(160, 70)])).toBeCloseTo((40 * 30) / 4000 / 2);
    expect(cost(r, [], [{ x: 190, y: 90, w: 50, h: 50 }])).toBe(100);
    expect(cost(r, [], [], [button(150, 80)])).toBe(1000);
  });
});

describe('spots', () => {
  it('lines the edges, inside the view, never the middle', () => {
    const all = spots(view, 300, 200, 16);
    expect(all).toContainEqual({ x: 16, y: 16, w: 300, h: 200 });
    expect(all).toContainEqual({ x: 684, y: 584, w: 300, h: 200 });
    for (const s of all) {
      expect(s.x >= 16 && s.y >= 16 && s.x + s.w <= 984 && s.y + s.h <= 784).toBe(true);
      const onEdge = s.x === 16 || s.y === 16 || s.x + s.w === 984 || s.y + s.h === 784;
      expect(onEdge).toBe(true);
    }
    // A full-width column for toasts on a phone: one x, top to bottom.
    const column = spots({ x: 0, y: 0, w: 390, h: 844 }, 374, 100, 8, true);
    expect(new Set(column.map((s) => s.x))).toEqual(new Set([8]));
    expect(column.at(0)!.y).toBe(8);
    expect(column.at(-1)!.y + 100).toBe(836);
  });
});

describe('pickSpot', () => {
  const controls = [button(900, 760), button(0, 0)];
  const price = (b: { x: number; y: number; w: number; h: number }) => cost(b, controls);
  it('takes the free spot nearest the preferred point', () => {
    const [spot, paid] = pickSpot(spots(view, 120, 40, 16), price, 1000, 800);
    expect(paid).toBe(0);
    // The bottom-right corner is taken by a control: the free spot nearest it.
    expect(spot.x + spot.w).toBe(984);
    expect(spot.y).toBeLessThan(700);
  });
  it('stays where it is while that is as cheap as the best', () => {
    const here = { x: 16, y: 400, w: 120, h: 40 };
    expect(pickSpot(spots(view, 120, 40, 16), price, 1000, 800, here)[0]).toBe(here);
    // Once a control scrolls under it, it moves.
    const moved = pickSpot(spots(view, 120, 40, 16), (b) => cost(b, [...controls, button(30, 400)]), 1000, 800, here)[0];
    expect(moved).not.toBe(here);
  });
});

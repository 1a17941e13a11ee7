import { describe, expect, it } from 'vitest';
import { placeTicks } from '../../../renderer/views/timeline/placeTicks';

const tick = (epoch: number, x: number) => ({ key: `e${epoch}`, label: epoch === 0 ? 'seed' : `epoch ${epoch}`, x, position: epoch, epoch });
const overlaps = (a: { labelX: number; label: string }, b: { labelX: number; label: string }) => {
  const w = (t: { label: string }) => t.label.length * 6.6 + 14;
  return Math.abs(a.labelX - b.labelX) < (w(a) + w(b)) / 2;
};

describe('placeTicks', () => {
  it('shows every label when there is room', () => {
    const placed = placeTicks([tick(0, 100), tick(1, 400), tick(2, 700)], 1024);
    expect(placed.every((t) => t.showLabel)).toBe(true);
  });

  it('never lets shown labels overlap each other or the end label, however crowded', () => {
    for (const width of [1024, 1440, 600]) {
      const crowded = Array.from({ length: 30 }, (_, i) => tick(i, width * 0.8 + i * 3));
      const shown = placeTicks(crowded, width).filter((t) => t.showLabel);
      expect(shown.length).toBeGreaterThan(0);
      for (let i = 1; i < shown.length; i += 1) expect(overlaps(shown[i - 1]!, shown[i]!)).toBe(false);
      for (const t of shown) expect(t.labelX + (t.label.length * 6.6 + 14) / 2).toBeLessThanOrEqual(width - 36 + 0.001);
    }
  });

  it('keeps the last epoch labelled when its neighbours crowd it', () => {
    const placed = placeTicks([tick(0, 990), tick(1, 995), tick(2, 1000)], 1024);
    expect(placed.at(-1)!.showLabel).toBe(true);
  });
});

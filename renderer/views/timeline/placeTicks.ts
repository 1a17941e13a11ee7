/** A labelled mark on the bar at pixel `x`. */
export interface TickInput { key: string; label: string; x: number; position: number; epoch: number }
export interface PlacedTick extends TickInput { labelX: number; showLabel: boolean }

/** Rough width of a tick label at the timeline's 11 px font, padding included. */
const labelWidth = (label: string) => label.length * 6.6 + 14;
/** Space kept free at the right end for the "end" label. */
const END_LABEL = 36;

/**
 * Places epoch labels under the bar so that none overlap: a label is shown when it fits after the
 * previous shown one (and before the "end" label), else only its tick stays (its title still
 * names it). The last epoch wins over its neighbours, as it is the one users look for most.
 */
export function placeTicks(ticks: readonly TickInput[], width: number): PlacedTick[] {
  const sorted = [...ticks].sort((a, b) => a.x - b.x);
  const placed: PlacedTick[] = sorted.map((tick) => ({ ...tick, labelX: tick.x, showLabel: false }));
  const limit = width - END_LABEL;
  // Keep the last label first, then fill left to right without touching it.
  const lastIndex = placed.length - 1;
  let lastLeft = Infinity;
  if (lastIndex >= 0) {
    const last = placed[lastIndex]!;
    const w = labelWidth(last.label);
    const left = Math.min(Math.max(0, last.x - w / 2), limit - w);
    if (left >= 0) {
      last.labelX = left + w / 2;
      last.showLabel = true;
      lastLeft = left;
    }
  }
  let right = 0;
  for (let i = 0; i < lastIndex; i += 1) {
    const tick = placed[i]!;
    const w = labelWidth(tick.label);
    const left = Math.max(right, tick.x - w / 2, 0);
    // A label may shift right of its tick by at most half its width; further and it misleads.
    if (left - (tick.x - w / 2) > w / 2) continue;
    if (left + w > Math.min(lastLeft, limit)) continue;
    tick.labelX = left + w / 2;
    tick.showLabel = true;
    right = left + w + 2;
  }
  return placed;
}

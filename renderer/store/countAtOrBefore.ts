/**
 * How many of the first `length` values (ascending, read through `valueAt`) are at or before
 * `limit`: a binary search, so timelines of 50,000 events are looked up in a few steps. The
 * scrubber, the event list and the charts all locate the cursor with it.
 */
export function countAtOrBefore(length: number, valueAt: (index: number) => number, limit: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (valueAt(mid) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

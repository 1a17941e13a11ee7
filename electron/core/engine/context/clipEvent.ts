import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import type { FitResult } from './fitItems';

/** The ContextCondensed event of a fitted request, or none when it fitted as it was. */
export function clipEvent(fit: FitResult, where: { epoch: number; step: number | null; role: string; part: string; budgetTokens: number }): NewRunEvent[] {
  if (!fit.condensed) return [];
  const c = fit.condensed;
  return [{ type: 'ContextCondensed', data: {
    ...where, method: 'clip', tokensBefore: c.tokensBefore, tokensAfter: c.tokensAfter,
    levels: [], itemsBefore: c.itemsBefore, itemsKept: c.itemsKept, maxItemChars: c.maxItemChars, calls: [],
  } }];
}

import type { ComparePair, FlippedItem } from '../../../shared/api/compareViews';
import { mcnemarExact } from '../../../shared/stats/mcnemarExact';

/** A run's final test: correctness per item, and (on demand) each item's logged answer. */
export interface TestOutcome {
  runId: string;
  correct: ReadonlyMap<string, boolean>;
  answers(itemIds: readonly string[]): Map<string, { predicted: string | null; position: number }>;
}

/**
 * The paired comparison of two runs on the test items both were scored on: discordant counts, the
 * exact McNemar p, and every flipped item with both answers. Null when they share no item.
 */
export function comparePair(a: TestOutcome, b: TestOutcome, item: (itemId: string) => { question: string; gold: string } | undefined): ComparePair | null {
  const shared = [...a.correct.keys()].filter((id) => b.correct.has(id));
  if (shared.length === 0) return null;
  const flippedIds = shared.filter((id) => a.correct.get(id) !== b.correct.get(id));
  const wrongToRight = flippedIds.filter((id) => !a.correct.get(id)).length;
  const rightToWrong = flippedIds.length - wrongToRight;
  const answersA = a.answers(flippedIds);
  const answersB = b.answers(flippedIds);
  const flipped: FlippedItem[] = flippedIds.map((itemId) => {
    const found = item(itemId);
    const side = (outcome: TestOutcome, answers: Map<string, { predicted: string | null; position: number }>) => ({
      correct: outcome.correct.get(itemId) === true,
      predicted: answers.get(itemId)?.predicted ?? null,
      position: answers.get(itemId)?.position ?? null,
    });
    return { itemId, question: found?.question ?? null, gold: found?.gold ?? null, a: side(a, answersA), b: side(b, answersB) };
  });
  return { a: a.runId, b: b.runId, sharedItems: shared.length, wrongToRight, rightToWrong, mcnemarP: mcnemarExact(wrongToRight, rightToWrong), flipped };
}

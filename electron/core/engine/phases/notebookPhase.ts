import type { NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import { cosineSimilarity, decodeVector, encodeVector } from '../../../../shared/fold/vectorCodec';
import type { NotebookEntryState } from '../../../../shared/fold/runState';
import { buildLessonWriterMessages, cleanLesson } from '../../../../shared/prompts/lessonWriterMessages';
import { boundedMap } from '../boundedMap';
import { itemOf, type PhaseContext } from '../phaseContext';

type Target =
  | { merge: 'new'; entryId: number; similarity: null; failCount: number; previousLesson: null }
  | { merge: 'same-item' | 'similar'; entryId: number; similarity: number | null; failCount: number; previousLesson: string };

/**
 * Step 2, immediate correction. Every failure writes the notebook: it updates the entry that
 * already holds the same item, else the most similar existing entry at or above mergeThreshold,
 * else creates one (merge rule, ours). Merging compares with entries as they were before this
 * phase, so the lessons can be written in parallel. A correct answer on an item with an open
 * entry marks that entry resolved.
 */
export async function notebookPhase(ctx: PhaseContext, epoch: number, step: number): Promise<NewRunEvent[]> {
  const train = ctx.state.lastTrain;
  const failures = train.filter((a) => !a.correct);
  const notebook = ctx.state.notebook;
  const calls = [];
  let vectors: Float32Array[] = [];
  if (failures.length > 0) {
    const embedded = await ctx.embed(failures.map((f) => itemOf(ctx, f.itemId).question));
    vectors = embedded.vectors;
    calls.push(embedded.call);
  }
  const existing = [...notebook.values()].sort((a, b) => a.entryId - b.entryId);
  const decoded = new Map<number, Float32Array>(existing.flatMap((e) => (e.embedding ? [[e.entryId, decodeVector(e.embedding)] as const] : [])));
  let nextEntryId = ctx.state.nextEntryId;
  const newByItem = new Map<string, number>();
  const failCounts = new Map<number, number>();
  const targets: Target[] = failures.map((failure, i) => {
    const sameItem = existing.find((e) => e.itemIds.includes(failure.itemId));
    const pendingNew = newByItem.get(failure.itemId);
    const bump = (entry: NotebookEntryState | undefined, id: number) => {
      const count = (failCounts.get(id) ?? entry?.failCount ?? 1) + 1;
      failCounts.set(id, count);
      return count;
    };
    if (sameItem) return { merge: 'same-item', entryId: sameItem.entryId, similarity: null, failCount: bump(sameItem, sameItem.entryId), previousLesson: sameItem.lesson };
    // The same item twice in one batch (a schedule that wraps around): the second updates the first.
    if (pendingNew !== undefined) return { merge: 'same-item', entryId: pendingNew, similarity: null, failCount: bump(undefined, pendingNew), previousLesson: '' };
    let best: { entry: NotebookEntryState; similarity: number } | null = null;
    for (const entry of existing) {
      const v = decoded.get(entry.entryId);
      if (!v) continue;
      const similarity = cosineSimilarity(v, vectors[i]!);
      if (similarity >= ctx.config.mergeThreshold && (best === null || similarity > best.similarity)) best = { entry, similarity };
    }
    if (best) {
      return { merge: 'similar', entryId: best.entry.entryId, similarity: Math.round(best.similarity * 1e6) / 1e6,
        failCount: bump(best.entry, best.entry.entryId), previousLesson: best.entry.lesson };
    }
    const entryId = nextEntryId++;
    newByItem.set(failure.itemId, entryId);
    failCounts.set(entryId, 1);
    return { merge: 'new', entryId, similarity: null, failCount: 1, previousLesson: null };
  });
  const lessons = await boundedMap(failures, ctx.config.parallelism, (failure, i) => {
    const item = itemOf(ctx, failure.itemId);
    return ctx.chat('lessonWriter', buildLessonWriterMessages(ctx.templates, {
      question: item.question, gold: item.answer, predicted: failure.predicted, trace: failure.response, previousLesson: targets[i]!.previousLesson,
    }));
  });
  const events: NewRunEvent[] = failures.map((failure, i) => {
    const item = itemOf(ctx, failure.itemId);
    const target = targets[i]!;
    const created = target.merge === 'new';
    const lesson = cleanLesson(lessons[i]!.text) || `Check the steps of problems like: ${item.question.slice(0, 80)}`;
    return { type: 'NotebookEntryWritten', data: {
      entryId: target.entryId, merge: target.merge, similarity: target.similarity, itemId: failure.itemId,
      question: item.question, gold: item.answer, predicted: failure.predicted, trace: failure.response, lesson,
      failCount: target.failCount, ...(created ? { embedding: encodeVector(vectors[i]!) } : {}), epoch, step, calls: [lessons[i]!.call],
    } };
  });
  const resolvedIds = new Set<number>();
  const failedItems = new Set(failures.map((f) => f.itemId));
  for (const answer of train) {
    if (!answer.correct || failedItems.has(answer.itemId)) continue;
    for (const entry of existing) {
      if (!entry.resolved && entry.itemId === answer.itemId && !resolvedIds.has(entry.entryId) && !targets.some((t) => t.entryId === entry.entryId)) {
        resolvedIds.add(entry.entryId);
        events.push({ type: 'NotebookEntryResolved', data: { entryId: entry.entryId, itemId: answer.itemId, epoch, step } });
      }
    }
  }
  events.push({ type: 'NotebookUpdated', data: { epoch, step, written: failures.length, resolved: resolvedIds.size, calls } });
  return events;
}

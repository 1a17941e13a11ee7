import type { AnswerRef, LoggedCall, NewRunEvent, Retrieved } from '../../../shared/events/run/runEventTypes';
import type { LoggedAnswer } from '../../../shared/fold/runState';
import { estimateMessagesTokens, estimateTokens } from '../../../shared/prompts/estimateTokens';
import { retrievalThresholdOf } from '../../../shared/fold/retrievalThreshold';
import { buildSolverMessages, renderLessonsBlock, type LessonForPrompt } from '../../../shared/prompts/solverMessages';
import { contextSettingsOf, promptBudget } from './context/promptBudget';
import { boundedMap } from './boundedMap';
import { itemOf, type PhaseContext } from './phaseContext';
import { solverRequestKey } from './requestKey';
import { retrieveLessons } from './retrieveLessons';

export interface SolveResult {
  /** One per requested item, in request order. */
  answers: (AnswerRef & { response: string })[];
  /** SolverAnswered events of the calls actually made, in item order. */
  events: NewRunEvent[];
  /** Auxiliary calls (the retrieval embedding). */
  calls: LoggedCall[];
}

/**
 * The retrieval-augmented forward pass over `itemIds` with system prompt `prompt`. A request whose
 * key is already in the log (or earlier in this batch) is not sent again: its logged answer is
 * reused. Calls run concurrently; results are ordered by item, never by completion.
 */
export async function solveItems(
  ctx: PhaseContext, itemIds: readonly string[], prompt: string,
  options: { withNotebook: boolean; purpose: 'train' | 'eval'; known?: ReadonlyMap<string, LoggedAnswer> },
): Promise<SolveResult> {
  // Answers from earlier in the same phase count as logged: they are appended with this phase.
  const logged = (key: string) => ctx.state.answers.get(key) ?? options.known?.get(key);
  const items = itemIds.map((id) => itemOf(ctx, id));
  const calls: LoggedCall[] = [];
  let retrieved: Retrieved[][] = items.map(() => []);
  if (options.withNotebook && ctx.config.retrievalK > 0 && ctx.state.notebook.size > 0) {
    const { vectors, call } = await ctx.embed(items.map((i) => i.question));
    calls.push(call);
    retrieved = items.map((item, i) => retrieveLessons(ctx.deps.store.db, ctx.state, vectors[i]!, {
      k: ctx.config.retrievalK, threshold: retrievalThresholdOf(ctx.state, ctx.config),
      excludeItemId: options.purpose === 'train' ? item.id : null,
    }));
  }
  // Runs recorded before lesson records existed showed lesson + excerpt, with no block budget.
  const format = ctx.config.lessonFormat ?? 'excerpt';
  const blockBudget = format === 'record' ? contextSettingsOf(ctx.config).lessonsTokens : Number.POSITIVE_INFINITY;
  const windowBudget = retrieved.some((r) => r.length > 0) ? promptBudget(ctx.state, ctx.config, 'solver') : 0;
  const requests = items.map((item, i) => {
    const all: LessonForPrompt[] = retrieved[i]!.map((r) => {
      const entry = ctx.state.notebook.get(r.entryId)!;
      return { lesson: entry.lesson, question: entry.question, gold: entry.gold, predicted: entry.predicted };
    });
    // The block keeps the best-ranked entries that fit its budget and the solver's window.
    const room = all.length === 0 ? 0 : Math.min(blockBudget, windowBudget - estimateMessagesTokens(buildSolverMessages(ctx.templates, prompt, item.question, [], format)));
    let shown = all.length;
    while (shown > 0 && estimateTokens(renderLessonsBlock(ctx.templates, all.slice(0, shown), format)) > room) shown -= 1;
    const messages = buildSolverMessages(ctx.templates, prompt, item.question, all.slice(0, shown), format);
    return { item, messages, key: solverRequestKey(ctx.config, messages), retrieved: retrieved[i]!.slice(0, shown), dropped: all.length - shown };
  });
  const firstIndexOfKey = new Map<string, number>();
  const toSend = requests.filter((r, i) => {
    if (logged(r.key) || firstIndexOfKey.has(r.key)) return false;
    firstIndexOfKey.set(r.key, i);
    return true;
  });
  const replies = await boundedMap(toSend, ctx.config.parallelism, (r) => ctx.chat('solver', r.messages));
  const fresh = new Map(toSend.map((r, i) => [r.key, replies[i]!]));
  const events: NewRunEvent[] = [];
  const answers = requests.map((r, i) => {
    const reply = firstIndexOfKey.get(r.key) === i ? fresh.get(r.key) : undefined;
    if (reply) {
      const score = ctx.scorer(reply.text, r.item.answer);
      events.push({ type: 'SolverAnswered', data: {
        itemId: r.item.id, purpose: options.purpose, requestKey: r.key, retrieved: r.retrieved, response: reply.text,
        ...(reply.thinking ? { thinking: reply.thinking } : {}), predicted: score.predicted, correct: score.correct,
        ...(r.dropped > 0 ? { lessonsDropped: r.dropped } : {}), calls: [reply.call],
      } });
      return { itemId: r.item.id, requestKey: r.key, correct: score.correct, predicted: score.predicted, retrieved: r.retrieved, reused: false, response: reply.text };
    }
    const previous = logged(r.key) ?? (() => {
      const first = fresh.get(r.key)!;
      const score = ctx.scorer(first.text, r.item.answer);
      return { response: first.text, predicted: score.predicted, correct: score.correct };
    })();
    return { itemId: r.item.id, requestKey: r.key, correct: previous.correct, predicted: previous.predicted, retrieved: r.retrieved, reused: true, response: previous.response };
  });
  return { answers, events, calls };
}

import type { DatasetItem } from '../../../shared/datasets/datasetItem';
import type { AnswerRef, LoggedCall, NewRunEvent, Retrieved } from '../../../shared/events/run/runEventTypes';
import type { LoggedAnswer, RunState } from '../../../shared/fold/runState';
import type { ChatMessageShape } from '../../../shared/prompts/chatMessage';
import { estimateMessagesTokens, estimateTokens } from '../../../shared/prompts/estimateTokens';
import { retrievalThresholdOf } from '../../../shared/fold/retrievalThreshold';
import { buildSolverMessages, renderLessonsBlock, type LessonForPrompt } from '../../../shared/prompts/solverMessages';
import { contextSettingsOf, promptBudget } from './context/promptBudget';
import { boundedMap } from './boundedMap';
import { itemOf, type ChatOutcome, type PhaseContext } from './phaseContext';
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

export interface SolveOptions {
  withNotebook: boolean;
  purpose: 'train' | 'eval';
  /** Answers an earlier evaluation of the same phase produced (not yet in the folded state). */
  known?: ReadonlyMap<string, LoggedAnswer>;
  /**
   * Keys another phase running alongside will log before this one's events are built (the final
   * test, for the prompt-only test launched with it): not sent, reused from the log at the end.
   */
  loggedByOthers?: ReadonlySet<string>;
  /**
   * The state whose notebook lessons are retrieved from. Default `ctx.state`. A measurement that
   * belongs to an earlier point of the run (the seed's test, relaunched after a resume) retrieves
   * from the notebook as it was there, so it asks exactly what it asked in an uninterrupted run.
   */
  lessonsFrom?: RunState;
}

interface PlannedRequest {
  item: DatasetItem;
  messages: ChatMessageShape[];
  key: string;
  retrieved: Retrieved[];
  dropped: number;
}

/** What a forward pass will ask, decided before any solver call: see `planSolve`. */
export interface SolvePlan {
  purpose: 'train' | 'eval';
  known: ReadonlyMap<string, LoggedAnswer> | undefined;
  requests: PlannedRequest[];
  /** The requests to send: neither logged, known, logged by others, nor repeated in this batch. */
  toSend: PlannedRequest[];
  /** Index in `requests` of the first request of each key that is sent. */
  firstIndexOfKey: ReadonlyMap<string, number>;
  /** Auxiliary calls (the retrieval embedding). */
  calls: LoggedCall[];
}

/**
 * The retrieval-augmented forward pass over `itemIds` with system prompt `prompt`. A request whose
 * key is already in the log (or earlier in this batch) is not sent again: its logged answer is
 * reused. Calls run concurrently; results are ordered by item, never by completion.
 */
export async function solveItems(ctx: PhaseContext, itemIds: readonly string[], prompt: string, options: SolveOptions): Promise<SolveResult> {
  const plan = await planSolve(ctx, itemIds, prompt, options);
  return solveResult(ctx, plan, await sendSolve(ctx, plan));
}

/**
 * Step one of `solveItems`: retrieval and the solver's messages, from the state as it is now. A
 * measurement run in the background plans before the engine moves on, so what it asks does not
 * depend on how far the run got while it was sending.
 */
export async function planSolve(ctx: PhaseContext, itemIds: readonly string[], prompt: string, options: SolveOptions): Promise<SolvePlan> {
  // Answers from earlier in the same phase count as logged: they are appended with this phase.
  const logged = (key: string) => ctx.state.answers.get(key) ?? options.known?.get(key);
  const lessons = options.lessonsFrom ?? ctx.state;
  const items = itemIds.map((id) => itemOf(ctx, id));
  const calls: LoggedCall[] = [];
  let retrieved: Retrieved[][] = items.map(() => []);
  if (options.withNotebook && ctx.config.retrievalK > 0 && lessons.notebook.size > 0) {
    const { vectors, call } = await ctx.embed(items.map((i) => i.question));
    calls.push(call);
    retrieved = items.map((item, i) => retrieveLessons(ctx.deps.store.db, lessons, vectors[i]!, {
      k: ctx.config.retrievalK, threshold: retrievalThresholdOf(ctx.state, ctx.config),
      excludeItemId: options.purpose === 'train' ? item.id : null, indexed: ctx.state.notebook.size,
    }));
  }
  // Runs recorded before lesson records existed showed lesson + excerpt, with no block budget.
  const format = ctx.config.lessonFormat ?? 'excerpt';
  const blockBudget = format === 'record' ? contextSettingsOf(ctx.config).lessonsTokens : Number.POSITIVE_INFINITY;
  const windowBudget = retrieved.some((r) => r.length > 0) ? promptBudget(ctx.state, ctx.config, 'solver') : 0;
  const requests = items.map((item, i): PlannedRequest => {
    const all: LessonForPrompt[] = retrieved[i]!.map((r) => {
      const entry = lessons.notebook.get(r.entryId)!;
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
    if (logged(r.key) || options.loggedByOthers?.has(r.key) || firstIndexOfKey.has(r.key)) return false;
    firstIndexOfKey.set(r.key, i);
    return true;
  });
  return { purpose: options.purpose, known: options.known, requests, toSend, firstIndexOfKey, calls };
}

/**
 * Step two: the plan's solver calls (at most `parallelism` at once); replies by request key.
 * `pace` may hold calls back further (a background measurement's width: backgroundMeasurement.ts).
 */
export async function sendSolve(
  ctx: PhaseContext, plan: SolvePlan, pace?: (send: () => Promise<ChatOutcome>) => Promise<ChatOutcome>,
): Promise<ReadonlyMap<string, ChatOutcome>> {
  const replies = await boundedMap(plan.toSend, ctx.config.parallelism, (r) => (pace ? pace(() => ctx.chat('solver', r.messages)) : ctx.chat('solver', r.messages)));
  return new Map(plan.toSend.map((r, i) => [r.key, replies[i]!]));
}

/**
 * Step three: answers and events, in item order. A key found in the log NOW is reused from it,
 * even if this plan sent it: a background measurement's request that a phase appended meanwhile
 * (the same question in two splits) is logged once, by whoever was appended first.
 */
export function solveResult(ctx: PhaseContext, plan: SolvePlan, fresh: ReadonlyMap<string, ChatOutcome>): SolveResult {
  const logged = (key: string) => ctx.state.answers.get(key) ?? plan.known?.get(key);
  const events: NewRunEvent[] = [];
  const answers = plan.requests.map((r, i) => {
    const previous = logged(r.key);
    if (previous) {
      return { itemId: r.item.id, requestKey: r.key, correct: previous.correct, predicted: previous.predicted, retrieved: r.retrieved, reused: true, response: previous.response };
    }
    const reply = fresh.get(r.key);
    if (!reply) throw new Error(`the solver request for item ${r.item.id} was left to another phase, which did not log it`);
    const score = ctx.scorer(reply.text, r.item.answer);
    const first = plan.firstIndexOfKey.get(r.key) === i;
    if (first) {
      events.push({ type: 'SolverAnswered', data: {
        itemId: r.item.id, purpose: plan.purpose, requestKey: r.key, retrieved: r.retrieved, response: reply.text,
        ...(reply.thinking ? { thinking: reply.thinking } : {}), predicted: score.predicted, correct: score.correct,
        ...(r.dropped > 0 ? { lessonsDropped: r.dropped } : {}), calls: [reply.call],
      } });
    }
    return { itemId: r.item.id, requestKey: r.key, correct: score.correct, predicted: score.predicted, retrieved: r.retrieved, reused: !first, response: reply.text };
  });
  return { answers, events, calls: plan.calls };
}

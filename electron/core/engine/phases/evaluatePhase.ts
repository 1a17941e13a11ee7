import type { EvaluationLabel, NewRunEvent } from '../../../../shared/events/run/runEventTypes';
import type { LoggedAnswer, RunState } from '../../../../shared/fold/runState';
import type { ChatOutcome, PhaseContext } from '../phaseContext';
import { planSolve, sendSolve, solveResult, type SolvePlan } from '../solveItems';

export interface EvaluationArgs {
  label: EvaluationLabel; split: 'val' | 'test'; prompt: { version: number; text: string }; withNotebook: boolean; epoch: number; step: number;
  /** Answers an earlier evaluation of the same phase produced (not yet in the folded state). */
  known?: ReadonlyMap<string, LoggedAnswer>;
  /** Keys a phase running alongside will have logged by the time the events are built (see SolveOptions). */
  loggedByOthers?: ReadonlySet<string>;
  /** The state to retrieve lessons from, when not the current one (see SolveOptions). */
  lessonsFrom?: RunState;
}

export interface EvaluationOutcome { events: NewRunEvent[]; accuracy: number; answers: ReadonlyMap<string, LoggedAnswer> }

/** An evaluation whose requests are decided: send its plan, then build its events. */
export interface PlannedEvaluation { args: EvaluationArgs; ids: readonly string[]; plan: SolvePlan }

/** Scores `prompt` on a split; returns its SolverAnswered events and one EvaluationCompleted. */
export async function evaluatePhase(ctx: PhaseContext, args: EvaluationArgs): Promise<EvaluationOutcome> {
  const planned = await planEvaluation(ctx, args);
  return evaluationOutcome(ctx, planned, await sendSolve(ctx, planned.plan));
}

/** Retrieval and requests of an evaluation, from the state as it is now (nothing sent yet). */
export async function planEvaluation(ctx: PhaseContext, args: EvaluationArgs): Promise<PlannedEvaluation> {
  const ids = ctx.state.split[args.split];
  const plan = await planSolve(ctx, ids, args.prompt.text, {
    withNotebook: args.withNotebook, purpose: 'eval',
    ...(args.known ? { known: args.known } : {}),
    ...(args.loggedByOthers ? { loggedByOthers: args.loggedByOthers } : {}),
    ...(args.lessonsFrom ? { lessonsFrom: args.lessonsFrom } : {}),
  });
  return { args, ids, plan };
}

/** The evaluation's events from its replies, against the log as it is now (see solveResult). */
export function evaluationOutcome(ctx: PhaseContext, planned: PlannedEvaluation, fresh: ReadonlyMap<string, ChatOutcome>): EvaluationOutcome {
  const { args, ids } = planned;
  const result = solveResult(ctx, planned.plan, fresh);
  const correct = result.answers.filter((a) => a.correct).length;
  const accuracy = ids.length === 0 ? 0 : correct / ids.length;
  return {
    accuracy,
    answers: new Map(result.answers.map((a) => [a.requestKey, { response: a.response, predicted: a.predicted, correct: a.correct }])),
    events: [...result.events, { type: 'EvaluationCompleted', data: {
      label: args.label, epoch: args.epoch, step: args.step, split: args.split, promptVersion: args.prompt.version,
      withNotebook: args.withNotebook, correct, total: ids.length, accuracy,
      items: result.answers.map((a) => ({ itemId: a.itemId, correct: a.correct, reused: a.reused })), calls: result.calls,
    } }],
  };
}

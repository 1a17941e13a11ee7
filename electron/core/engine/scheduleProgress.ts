import type { RunProgress } from '../../../shared/api/runProgress';
import type { RunState } from '../../../shared/fold/runState';
import { stepsInEpoch } from './schedule';

/**
 * The run's progress after a phase, in schedule units: seed val, seed test (once it has landed),
 * every optimizer step, the final test. Epoch validations and reflections are folded into their epoch's last step.
 * The same units as readScheduleFacts (runs/readRunProgress.ts), which reads them from the
 * projections for runs that do not execute in this process. `phase` names the phase just appended.
 */
export function scheduleProgress(state: RunState, phase: string): RunProgress {
  const config = state.config!;
  const steps = stepsInEpoch(config, state.split.train.length);
  const { epoch, step } = state.cursor;
  const seedUnits = config.measureSeed ? 2 : 0;
  // The seed's val and test scores as they are logged: the test score is measured in the
  // background and lands before close-epoch 1, so it counts from then on.
  const seedDone = config.measureSeed ? (state.accuracies.seedVal !== null ? 1 : 0) + (state.accuracies.seedTest !== null ? 1 : 0) : 0;
  const total = seedUnits + config.epochs * steps + 1;
  const finalPhase = phase.startsWith('test') || phase.startsWith('finish');
  let done: number;
  if (state.status === 'completed') done = total;
  else if (finalPhase) done = total - 1;
  // model-facts runs before the seed evaluation: nothing of the schedule is done yet.
  else if (epoch === 0) done = seedDone;
  // Step 0 inside an epoch: the epoch's steps are all behind (close-epoch and what follows it).
  else if (step === 0) done = seedDone + epoch * steps;
  else done = seedDone + (epoch - 1) * steps + Math.min(step, steps);
  const where = finalPhase
    ? 'final test'
    : epoch === 0
      ? 'seed evaluation'
      : `epoch ${epoch}/${config.epochs}${step > 0 ? ` · step ${step}/${steps}` : ''}`;
  return { runId: state.runId, status: state.status, done: Math.min(done, total), total, phase: `${where} · ${phase} · ${state.usage.calls} calls` };
}

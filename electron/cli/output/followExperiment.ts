import type { ExperimentView } from '../../../shared/api/experimentViews';
import type { CliApi } from './commandSupport';
import { experimentJson, renderExperiment } from './experimentTable';
import { printJsonLine } from './jsonLine';
import { createProgressReporter } from './progressReporter';

/** Exit status of an experiment: 0 all completed; 3 some paused or stopped; 1 some failed or interrupted. */
export function experimentExitCode(view: ExperimentView): number {
  const statuses = view.cellViews.map((cell) => cell.status);
  if (statuses.every((status) => status === 'completed')) return 0;
  if (statuses.some((status) => status === 'failed' || status === 'interrupted' || status === 'not started')) return 1;
  return 3;
}

export const EXPERIMENT_EXIT_HELP = `
Exit status: 0 every run completed; 3 some run paused or stopped; 1 some run failed or was
interrupted; 2 bad arguments or experiment file (nothing written).
Ctrl-C pauses every run of the experiment at its next safe point; \`remo experiment resume ID\`
continues them. A second Ctrl-C exits at once (the runs show as interrupted; resume continues them).
With --json the last stdout line is {"experimentId", "rows": [{"method", "runs", "val": {"mean",
"sd", "ci"}, "test": {...}, ...}], ...}. Progress goes to stderr: one bar over all runs.`;

/**
 * Follows every run of an experiment executing in this process until none runs: one progress
 * display over all cells (schedule units summed), Ctrl-C pauses them all, then the aggregated table
 * (or the JSON line). Sets process.exitCode.
 */
export async function followExperiment(api: CliApi, experimentId: string, options: { json: boolean; pollMs?: number }): Promise<ExperimentView> {
  const reporter = createProgressReporter();
  let interrupts = 0;
  let runIds: string[] = [];
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      reporter.note(`pausing the runs of ${experimentId} at their next safe point… (Ctrl-C again to exit now)`);
      for (const runId of runIds) {
        api.call('runs.pause', { runId }).catch(() => undefined);
      }
      return;
    }
    reporter.stop();
    process.stderr.write(`exiting without pausing: \`remo experiment resume ${experimentId}\` continues it\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  try {
    const view = await new Promise<ExperimentView>((resolve, reject) => {
      let looking = false;
      let again = false;
      let settled = false;
      const look = async (): Promise<void> => {
        if (settled) return;
        if (looking) {
          again = true;
          return;
        }
        looking = true;
        try {
          const current = await api.call('experiments.show', { experimentId });
          runIds = current.cellViews.flatMap((cell) => (cell.runId ? [cell.runId] : []));
          const done = current.cellViews.reduce((sum, cell) => sum + (cell.status === 'completed' ? Math.max(cell.total, 1) : cell.done), 0);
          const total = current.cellViews.reduce((sum, cell) => sum + Math.max(cell.total, 1), 0);
          const running = current.cellViews.filter((cell) => cell.status === 'running').length;
          reporter.update({ done, total, phase: `${current.completed}/${current.cells} runs completed · ${running} running` });
          if (running === 0) {
            settled = true;
            cleanup();
            resolve(current);
          }
        } catch (error) {
          settled = true;
          cleanup();
          reject(error);
        } finally {
          looking = false;
        }
        if (again && !settled) {
          again = false;
          setTimeout(() => void look(), 200);
        }
      };
      const stopListening = api.on('runs.appended', () => void look());
      const poll = setInterval(() => void look(), options.pollMs ?? 1000);
      const cleanup = () => {
        stopListening();
        clearInterval(poll);
      };
      void look();
    });
    reporter.stop();
    if (options.json) {
      process.stderr.write(renderExperiment(view) + '\n');
      printJsonLine(experimentJson(view));
    } else {
      process.stdout.write(renderExperiment(view) + '\n');
    }
    if (view.status !== 'completed') process.stderr.write(`not every run completed: \`remo experiment resume ${experimentId}\` continues the rest\n`);
    process.exitCode = experimentExitCode(view);
    return view;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

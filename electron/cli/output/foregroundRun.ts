import type { RunSummary } from '../../../shared/api/runViews';
import type { LocalRunService } from '../../core/runs/createRunService';
import { printJsonLine } from './jsonLine';
import { createProgressReporter } from './progressReporter';
import { summaryJson } from './summaryJson';
import { renderSummary } from './summaryTable';

/**
 * Exit codes of the commands that execute a run (run, resume, fork, demo). Documented in --help.
 * Paused/stopped get their own code: not an error, but scripts must not mistake them for done.
 */
export const RUN_EXIT_CODES = { completed: 0, failed: 1, usage: 2, pausedOrStopped: 3 } as const;

export const RUN_EXIT_HELP = `
Exit status: 0 completed; 3 paused or stopped (resume with \`remo resume RUN\`); 1 failed or
interrupted; 2 bad arguments or config (nothing written).
Ctrl-C pauses the run at the next safe point (the log keeps everything done so far); a second
Ctrl-C exits at once (the run shows as interrupted and \`remo resume\` continues it).
With --json, the last stdout line is one JSON object: runId, status, method, seedVal, seedTest,
val, test, testPromptOnly, llmCalls, promptTokens, completionTokens, wallSeconds, simulated, ...
Progress goes to stderr: a bar with ETA on a terminal, plain lines otherwise.`;

export function exitCodeFor(summary: RunSummary): number {
  switch (summary.status) {
    case 'completed':
      return RUN_EXIT_CODES.completed;
    case 'paused':
    case 'stopped':
      return RUN_EXIT_CODES.pausedOrStopped;
    default:
      return RUN_EXIT_CODES.failed;
  }
}

/**
 * Follows a run executing in this process until it stops: progress on stderr, Ctrl-C = pause,
 * then the summary (table, or the JSON line). Sets process.exitCode from the final status.
 */
export async function followRunInForeground(
  runs: LocalRunService,
  runId: string,
  options: { json: boolean; quiet?: boolean },
): Promise<RunSummary> {
  const reporter = createProgressReporter();
  process.stderr.write(`run ${runId} started\n`);
  const unsubscribe = runs.onProgress((progress) => {
    if (progress.runId === runId) reporter.update(progress);
  });
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      reporter.note(`pausing ${runId} at the next safe point… (Ctrl-C again to exit now)`);
      runs.requestPause(runId);
      return;
    }
    reporter.stop();
    process.stderr.write(`exiting without pausing: \`remo resume ${runId}\` continues the run\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  try {
    const summary = await runs.waitForRun(runId);
    reporter.stop();
    const settings = runs.stateAt(runId, 'end');
    if (options.quiet) {
      process.stderr.write(`run ${runId} ${summary.status}\n`);
    } else if (options.json) {
      process.stderr.write(renderSummary(summary, settings) + '\n');
      printJsonLine(summaryJson(summary, settings));
    } else {
      process.stdout.write(renderSummary(summary, settings) + '\n');
    }
    if (summary.status === 'paused') process.stderr.write(`paused: continue with \`remo resume ${runId}\`\n`);
    process.exitCode = exitCodeFor(summary);
    return summary;
  } finally {
    unsubscribe();
    process.off('SIGINT', onSigint);
  }
}

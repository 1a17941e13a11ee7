import type { RunProgressView } from '../../../shared/api/runProgress';
import type { RunStatus, RunSummary } from '../../../shared/api/runViews';
import type { CliApi } from './commandSupport';
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
 * Resolves with the run's summary once it no longer runs (completed, paused, stopped, failed or
 * interrupted). Every `runs.appended` push for the run wakes it (at most one call in flight, at
 * most one every `minGapMs`); a slow poll catches what no event announces (a process that died).
 * With `onProgress`, each look is a `runs.progress` call whose view is passed on.
 */
export function waitWhileRunning(
  api: CliApi,
  runId: string,
  options: { onProgress?: (progress: RunProgressView) => void; pollMs?: number; minGapMs?: number } = {},
): Promise<RunSummary> {
  const pollMs = options.pollMs ?? 1000;
  const minGapMs = options.minGapMs ?? 100;
  return new Promise<RunSummary>((resolve, reject) => {
    let settled = false;
    let inFlight = false;
    let again = false;
    let lastLookAt = 0;
    let deferred: NodeJS.Timeout | undefined;
    const stopWatching: Array<() => void> = [];
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      for (const stop of stopWatching) stop();
      clearTimeout(deferred);
      outcome();
    };
    const look = async (): Promise<void> => {
      if (settled) return;
      if (inFlight) {
        again = true;
        return;
      }
      const wait = lastLookAt + minGapMs - Date.now();
      if (wait > 0) {
        deferred ??= setTimeout(() => {
          deferred = undefined;
          void look();
        }, wait);
        return;
      }
      inFlight = true;
      lastLookAt = Date.now();
      try {
        let status: RunStatus;
        if (options.onProgress) {
          const progress = await api.call('runs.progress', { runId });
          if (!settled) options.onProgress(progress);
          status = progress.status;
        } else {
          status = (await api.call('runs.summary', { runId })).status;
        }
        if (status !== 'running') {
          const summary = await api.call('runs.summary', { runId });
          settle(() => resolve(summary));
        }
      } catch (error) {
        settle(() => reject(error));
      } finally {
        inFlight = false;
      }
      if (again) {
        again = false;
        void look();
      }
    };
    stopWatching.push(api.on('runs.appended', (batches) => {
      if (batches.some((batch) => batch.runId === runId)) void look();
    }));
    const poll = setInterval(() => void look(), pollMs);
    stopWatching.push(() => clearInterval(poll));
    void look();
  });
}

/**
 * Follows a run executing in this process until it stops, through the API: progress on stderr
 * (`runs.progress` on every pushed batch), Ctrl-C = `runs.pause`, then the summary (table, or the
 * JSON line). Sets process.exitCode from the final status.
 */
export async function followRunInForeground(
  api: CliApi,
  runId: string,
  options: { json: boolean; quiet?: boolean },
): Promise<RunSummary> {
  const reporter = createProgressReporter();
  process.stderr.write(`run ${runId} started\n`);
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts === 1) {
      reporter.note(`pausing ${runId} at the next safe point… (Ctrl-C again to exit now)`);
      api.call('runs.pause', { runId }).catch((error: unknown) => {
        reporter.note(`could not ask ${runId} to pause: ${error instanceof Error ? error.message : String(error)}`);
      });
      return;
    }
    reporter.stop();
    process.stderr.write(`exiting without pausing: \`remo resume ${runId}\` continues the run\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  try {
    const summary = await waitWhileRunning(api, runId, {
      onProgress: (progress) => reporter.update({ done: progress.done, total: progress.total, phase: progress.phase }),
    });
    reporter.stop();
    const settings = await api.call('runs.stateAt', { runId, at: 'end' });
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
    process.off('SIGINT', onSigint);
  }
}

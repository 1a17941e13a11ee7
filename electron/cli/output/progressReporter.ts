import cliProgress from 'cli-progress';
import type { RunProgress } from '../../../shared/api/runProgress';

/** One progress observation: `done` of `total` schedule units, and where the run is in words. */
type ProgressTick = Pick<RunProgress, 'done' | 'total' | 'phase'>;

export interface ProgressReporter {
  update(tick: ProgressTick): void;
  /** A line of text that must not be overwritten by the bar (pause notice, warnings). */
  note(line: string): void;
  stop(): void;
}

/**
 * Progress on stderr, so stdout stays for the result (table or the `--json` line).
 * On a terminal: a cli-progress bar with ETA. Otherwise (pipes, CI, tests): plain lines, one per
 * 10% of the schedule or every 5 s, so logs stay short.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return monotonic(stream.isTTY ? barReporter(stream) : lineReporter(stream));
}

/** A bar that moves backwards reads as a bug: keep `done` from decreasing (phase accounting is coarse). */
function monotonic(inner: ProgressReporter): ProgressReporter {
  let best = 0;
  return {
    update(tick) {
      best = Math.max(best, tick.done);
      inner.update({ ...tick, done: best });
    },
    note: (line) => inner.note(line),
    stop: () => inner.stop(),
  };
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {percentage}% | ETA {eta_formatted} | {value}/{total} | {label}',
      etaBuffer: 50,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ done, total, phase }) {
      if (!started) {
        bar.start(Math.max(total, 1), done, { label: phase });
        started = true;
      } else {
        if (total !== bar.getTotal()) bar.setTotal(Math.max(total, 1));
        bar.update(done, { label: phase });
      }
    },
    note(line) {
      if (started) stream.write('\n');
      stream.write(line + '\n');
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

function lineReporter(stream: NodeJS.WritableStream, minIntervalMs = 5_000): ProgressReporter {
  let lastDecile = -1;
  let lastLineAt = 0;
  const startedAt = Date.now();
  return {
    update({ done, total, phase }) {
      const now = Date.now();
      const decile = total > 0 ? Math.floor((done / total) * 10) : 0;
      // A line per 10% of the schedule, or every few seconds while a long phase runs: logs stay short.
      if (decile === lastDecile && now - lastLineAt < minIntervalMs) return;
      lastDecile = decile;
      lastLineAt = now;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
      const elapsedS = (now - startedAt) / 1000;
      // Linear ETA over schedule units: rough (phases differ in cost) but monotone enough for logs.
      const eta = done > 0 && done < total ? `, ETA ${Math.round((elapsedS / done) * (total - done))}s` : '';
      stream.write(`progress ${percent}% (${done}/${total}) ${phase} [${elapsedS.toFixed(1)}s${eta}]\n`);
    },
    note(line) {
      stream.write(line + '\n');
    },
    stop() {},
  };
}

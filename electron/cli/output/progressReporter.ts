import cliProgress from 'cli-progress';

/** One progress observation: `done` of `total` units, with a short label of the current phase. */
export interface ProgressTick {
  done: number;
  total: number;
  label: string;
}

export interface ProgressReporter {
  update(tick: ProgressTick): void;
  /** A line of text that must not be overwritten by the bar (pause notice, warnings). */
  note(line: string): void;
  stop(): void;
}

/**
 * Progress on stderr, so stdout stays for the result (table or the `--json` line).
 * On a terminal: a cli-progress bar with ETA. Otherwise (pipes, CI, tests): plain lines, at most
 * one per phase change or per 10% so logs stay short.
 */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? barReporter(stream) : lineReporter(stream);
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
    update({ done, total, label }) {
      if (!started) {
        bar.start(Math.max(total, 1), done, { label });
        started = true;
      } else {
        if (total !== bar.getTotal()) bar.setTotal(Math.max(total, 1));
        bar.update(done, { label });
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

function lineReporter(stream: NodeJS.WritableStream): ProgressReporter {
  let lastLabel = '';
  let lastDecile = -1;
  const startedAt = Date.now();
  return {
    update({ done, total, label }) {
      const decile = total > 0 ? Math.floor((done / total) * 10) : 0;
      if (label === lastLabel && decile === lastDecile) return;
      lastLabel = label;
      lastDecile = decile;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
      const elapsed = ((Date.now() - startedAt) / 1000).toFixed(1);
      stream.write(`progress ${percent}% (${done}/${total}) ${label} [${elapsed}s]\n`);
    },
    note(line) {
      stream.write(line + '\n');
    },
    stop() {},
  };
}

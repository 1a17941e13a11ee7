/**
 * What every benchmark hands to the report (`npm run bench`, test/bench/report.ts): its figures
 * with their targets, optional tables (growth curves, KNN comparisons), notes, and its final
 * figure line (the last line it prints; test/integration/bench/benchTiny.test.ts looks for it).
 * When BENCH_RESULT_FILE is set, the result is written there as JSON; otherwise only printed.
 */
import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  target?: { op: '<=' | '>='; value: number };
  /** Shown next to the value (e.g. "p50 12 ms", "int8 + exact re-score"). */
  detail?: string;
}

export interface BenchTable {
  title: string;
  header: string[];
  rows: (string | number)[][];
  note?: string;
}

export interface BenchResult {
  bench: string;
  tiny: boolean;
  startedAt: string;
  seconds: number;
  loadAtStart: number[];
  loadAtEnd: number[];
  figures: BenchFigure[];
  tables: BenchTable[];
  notes: string[];
  finalLine: string;
}

export const isTiny = (): boolean => process.argv.includes('--tiny') || process.env.BENCH_TINY === '1';

/** The value of `--name V` (or `--name=V`) on the command line, if present. */
export function argValue(name: string): string | undefined {
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i]!.startsWith(`--${name}=`)) return argv[i]!.slice(name.length + 3);
  }
  return undefined;
}

export function verdictOf(figure: BenchFigure): 'PASS' | 'MISS' | '' {
  if (!figure.target) return '';
  const { op, value } = figure.target;
  return (op === '<=' ? figure.value <= value : figure.value >= value) ? 'PASS' : 'MISS';
}

export function machineLine(): string {
  return `${cpus().length} CPUs (${cpus()[0]?.model?.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM ` +
    `(${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
}

export const formatNumber = (value: number): string =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);

/** Collects figures as a benchmark runs; `finish` prints the final line and writes the JSON result. */
export class BenchRecorder {
  readonly figures: BenchFigure[] = [];
  readonly tables: BenchTable[] = [];
  readonly notes: string[] = [];
  private readonly started = performance.now();
  private readonly startedAt = new Date().toISOString();
  private readonly loadAtStart = loadavg();

  constructor(readonly bench: string, readonly tiny = isTiny()) {}

  figure(figure: BenchFigure): BenchFigure {
    this.figures.push(figure);
    return figure;
  }

  table(table: BenchTable): void {
    this.tables.push(table);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  /** Prints `finalLine` as the benchmark's last line and writes the result file when asked to. */
  finish(finalLine: string): void {
    const result: BenchResult = {
      bench: this.bench, tiny: this.tiny, startedAt: this.startedAt, seconds: (performance.now() - this.started) / 1000,
      loadAtStart: this.loadAtStart, loadAtEnd: loadavg(), figures: this.figures, tables: this.tables, notes: this.notes, finalLine,
    };
    const file = process.env.BENCH_RESULT_FILE;
    if (file) writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(finalLine);
  }
}

/** p-quantile (nearest rank) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

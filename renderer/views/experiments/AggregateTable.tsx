import type { ExperimentRow } from '../../../shared/api/experimentViews';
import type { Spread } from '../../../shared/stats/meanInterval';
import { describeSpread, formatSpreadMean, formatSpreadPercent, formatSpreadPoints, type SpreadText } from './formatSpread';
import { METHOD_COLORS } from './experimentCurves';

/** One number of the table: mean and sd on a line, the interval under it, all of it in words on hover. */
function SpreadCell({ spread, text, testId }: { spread: Spread; text: SpreadText; testId: string }) {
  return (
    <td className="num spread" title={describeSpread(spread, text)} data-testid={testId} data-n={spread.n} data-mean={spread.mean ?? ''} data-sd={spread.sd ?? ''}>
      <span className="spread-mean">{text.mean}</span>{text.sd && <span className="spread-sd"> {text.sd}</span>}
      {text.ci && <span className="spread-ci">{text.ci}</span>}
    </td>
  );
}

/**
 * The aggregated table: per row (method, and varied value) the mean ± sample sd over its completed
 * runs and the 95% t interval, for the seed prompt's test, val, test and the val − test gap; mean
 * calls, tokens and time; n = the completed runs the numbers come from.
 */
export function AggregateTable({ rows, cellsPerRow }: { rows: readonly ExperimentRow[]; cellsPerRow: Readonly<Record<string, number>> }) {
  return (
    <section className="panel" aria-label="Aggregated over seeds" data-testid="experiment-aggregate">
      <header className="panel-header">
        <h3>Over seeds</h3>
        <span className="muted small">
          mean ± sample sd of each row's completed runs, the 95% t interval of the mean under it (wide with few seeds; clipped to the possible range). Runs still going or failed are left out: n says how many count.
        </span>
      </header>
      <div className="table-wrap">
        <table className="aggregate-table" data-testid="aggregate-table">
          <thead>
            <tr>
              <th scope="col">row</th><th scope="col" className="num">n</th>
              <th scope="col" className="num" title="the seed prompt P0 on test, before any optimization">seed test</th>
              <th scope="col" className="num">val</th><th scope="col" className="num">test</th>
              <th scope="col" className="num" title="val − test per run, in percentage points: how much the optimized prompt overfits the validation split">val − test</th>
              <th scope="col" className="num">calls</th><th scope="col" className="num">tokens</th><th scope="col" className="num">time</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} data-testid="aggregate-row" data-label={row.label}>
                <th scope="row"><i className="swatch" style={{ background: METHOD_COLORS[row.method] }} /> {row.label}</th>
                <td className="num" data-testid="row-n" title={`${row.completed} of the row's ${cellsPerRow[row.label] ?? row.runs.length} cells completed`}>
                  {row.completed} of {cellsPerRow[row.label] ?? row.runs.length}
                </td>
                <SpreadCell spread={row.seedTest} text={formatSpreadPercent(row.seedTest)} testId="row-seed-test" />
                <SpreadCell spread={row.val} text={formatSpreadPercent(row.val)} testId="row-val" />
                <SpreadCell spread={row.test} text={formatSpreadPercent(row.test)} testId="row-test" />
                <SpreadCell spread={row.gap} text={formatSpreadPoints(row.gap)} testId="row-gap" />
                <SpreadCell spread={row.calls} text={formatSpreadMean(row.calls, 'count')} testId="row-calls" />
                <SpreadCell spread={row.tokens} text={formatSpreadMean(row.tokens, 'count')} testId="row-tokens" />
                <SpreadCell spread={row.wallSeconds} text={formatSpreadMean(row.wallSeconds, 'seconds')} testId="row-time" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

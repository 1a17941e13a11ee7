import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CompareRun, Interval } from '../../../shared/api/compareViews';
import { SimulatorBadge } from '../../components/Badge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatDuration, formatPercent } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { PairCard } from './PairCard';

const RUN_COLORS = ['#2563eb', '#f97316', '#10b981', '#a855f7', '#ec4899', '#eab308', '#64748b', '#ef4444', '#0ea5e9', '#84cc16', '#f43f5e', '#14b8a6'];

/** An accuracy with its 95% Wilson interval, e.g. "79.0% [76.7, 81.1]". */
export function withInterval(value: number | null, interval: Interval | null): string {
  if (value === null) return '–';
  return interval ? `${formatPercent(value)} [${(interval[0] * 100).toFixed(1)}, ${(interval[1] * 100).toFixed(1)}]` : formatPercent(value);
}

/**
 * Runs side by side: validation and test curves per epoch, the paper's table with 95% Wilson
 * intervals, usage per role, and for every pair scored on the same test items the exact McNemar
 * test with the items that flipped.
 */
export function CompareView() {
  const report = useApp((s) => s.report);
  const error = useApp((s) => s.reportError);
  const loading = useApp((s) => s.reportLoading);
  const close = useApp((s) => s.closeCompare);
  const clear = useApp((s) => s.clearCompare);
  const curves = useMemo(() => (report ? curveRows(report.runs) : []), [report]);
  const roles = useMemo(() => (report ? [...new Set(report.runs.flatMap((run) => Object.keys(run.usageByRole)))].sort() : []), [report]);

  return (
    <section className="panel compare" aria-label="Compare runs" data-testid="compare-view">
      <header className="panel-header">
        <h2>Compare {report ? `${report.runs.length} runs` : ''}</h2>
        {loading && <span className="muted small">loading…</span>}
        <button type="button" className="button" onClick={() => { clear(); close(); }} data-testid="compare-close">Close</button>
      </header>
      {error && <ErrorMessage error={error} />}
      {report && (
        <>
          <div className="table-scroll">
            <table className="compare-table" data-testid="compare-table">
              <thead>
                <tr>
                  <th>run</th><th>method</th><th>model</th><th className="num">epochs</th><th className="num">train size</th>
                  <th className="num">seed val / test</th><th className="num">val [95% CI]</th><th className="num">test [95% CI]</th>
                  <th className="num">gap</th><th className="num">test, prompt only</th><th className="num">calls</th><th className="num">tokens</th><th className="num">time</th>
                </tr>
              </thead>
              <tbody>
                {report.runs.map((run, i) => (
                  <tr key={run.runId} data-testid="compare-row" data-run-id={run.runId}>
                    <td><i className="swatch" style={{ background: RUN_COLORS[i % RUN_COLORS.length] }} /> {run.name} <span className="muted mono">{run.runId}</span>{run.simulated && <SimulatorBadge />}</td>
                    <td>{run.method}</td>
                    <td className="muted">{run.model}</td>
                    <td className="num">{run.status === 'completed' ? run.epochs : `${run.epochs}/${run.epochsPlanned} (${run.status})`}</td>
                    <td className="num">{run.trainSize === null ? '–' : formatCount(run.trainSize)}</td>
                    <td className="num">{formatPercent(run.seedVal)} / {formatPercent(run.seedTest)}</td>
                    <td className="num" data-testid="compare-val">{withInterval(run.val, run.valCI)}</td>
                    <td className="num" data-testid="compare-test">{withInterval(run.test, run.testCI)}</td>
                    <td className="num">{run.gap === null ? '–' : `${run.gap >= 0 ? '+' : ''}${(run.gap * 100).toFixed(1)}`}</td>
                    <td className="num">{withInterval(run.testPromptOnly, run.testPromptOnlyCI)}</td>
                    <td className="num">{formatCount(run.calls)}</td>
                    <td className="num">{formatCount(run.tokens)}</td>
                    <td className="num">{formatDuration(run.wallSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.runs.some((run) => run.simulated) && <p className="muted small">SIMULATOR: runs marked so were answered by the built-in simulator, a scripted fake model; their numbers are not model results.</p>}
          <div className="compare-grid">
            <figure className="chart" data-testid="compare-curves">
              <figcaption className="muted small">validation accuracy per epoch (0 = seed prompt); final test as a dashed segment to its last epoch</figcaption>
              <ResponsiveContainer width="100%" height={220}>
                <LineChart data={curves} margin={{ top: 6, right: 12, bottom: 0, left: -16 }}>
                  <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
                  <XAxis dataKey="epoch" type="number" allowDecimals={false} domain={[0, 'dataMax']} tick={{ fontSize: 11, fill: 'var(--muted)' }} />
                  <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11, fill: 'var(--muted)' }} />
                  <Tooltip contentStyle={{ background: 'var(--panel)', borderColor: 'var(--border)' }} />
                  <Legend wrapperStyle={{ fontSize: 11 }} />
                  {report.runs.map((run, i) => (
                    <Line key={`${run.runId}-val`} dataKey={`${run.runId}:val`} name={`${run.name} val`} stroke={RUN_COLORS[i % RUN_COLORS.length]} strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
                  ))}
                  {report.runs.map((run, i) => (
                    <Line key={`${run.runId}-test`} dataKey={`${run.runId}:test`} name={`${run.name} test`} stroke={RUN_COLORS[i % RUN_COLORS.length]} strokeDasharray="5 3" dot={{ r: 4 }} connectNulls isAnimationActive={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </figure>
            <div className="table-scroll">
              <table className="role-table" data-testid="compare-usage">
                <thead>
                  <tr><th>role</th>{report.runs.map((run) => <th key={run.runId} className="num">{run.name}</th>)}</tr>
                </thead>
                <tbody>
                  {roles.map((role) => (
                    <tr key={role}>
                      <td>{role}</td>
                      {report.runs.map((run) => {
                        const usage = run.usageByRole[role];
                        return (
                          <td key={run.runId} className="num" title={usage ? `${usage.promptTokens} prompt + ${usage.completionTokens} completion tokens` : undefined}>
                            {usage ? `${formatCount(usage.calls)} calls · ${formatCount(usage.promptTokens + usage.completionTokens)} tok · ${usage.seconds.toFixed(1)} s` : '–'}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          <h3>Paired tests on shared test items</h3>
          {report.pairs.length === 0 && <p className="muted">No two of these runs were scored on the same test items.</p>}
          {report.pairs.map((pair) => (
            <PairCard key={`${pair.a}-${pair.b}`} pair={pair} names={Object.fromEntries(report.runs.map((run) => [run.runId, run.name]))} />
          ))}
        </>
      )}
    </section>
  );
}

/** One row per epoch with `<runId>:val` and `<runId>:test` columns for the overlaid curves. */
function curveRows(runs: readonly CompareRun[]): Record<string, number>[] {
  const rows = new Map<number, Record<string, number>>();
  for (const run of runs) {
    for (const point of run.curve) {
      const row = rows.get(point.epoch) ?? { epoch: point.epoch };
      if (point.val !== null) row[`${run.runId}:val`] = Math.round(point.val * 1000) / 10;
      if (point.test !== null) row[`${run.runId}:test`] = Math.round(point.test * 1000) / 10;
      rows.set(point.epoch, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.epoch ?? 0) - (b.epoch ?? 0));
}

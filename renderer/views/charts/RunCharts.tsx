import { memo, useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis, ComposedChart } from 'recharts';
import { formatCount } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { countAtOrBefore } from '../../store/countAtOrBefore';
import { batchAccuracy, cumulativeTokens, epochAccuracy, roleTotals, type BatchPoint, type EpochPoint } from './chartSeries';

const ROLE_COLORS = ['#2563eb', '#f97316', '#10b981', '#a855f7', '#ec4899', '#eab308', '#64748b', '#ef4444'];
const AXIS = { fontSize: 11, fill: 'var(--muted)' };
const GRID = 'var(--grid)';

/**
 * The run's charts at the cursor: train-batch accuracy per step, validation and test per epoch,
 * tokens per role over the log, and calls per role. Axes span the whole run so they stay put while
 * scrubbing; data stop at the cursor.
 */
const TOOLTIP = { background: 'var(--panel)', borderColor: 'var(--border)' };

/** Validation (with and without the notebook) and test by epoch, cursor at the scrubbed epoch. */
const EpochChart = memo(function EpochChart({ epochs, lastEpoch, cursorEpoch }: { epochs: EpochPoint[]; lastEpoch: number; cursorEpoch: number }) {
  const showPromptOnly = epochs.some((p) => p.valPromptOnly !== undefined);
  return (
    <figure className="chart" data-testid="val-chart" data-points={epochs.length}>
      <figcaption className="muted small">validation and test by epoch (0 = seed prompt)</figcaption>
      {epochs.length === 0 ? <div className="muted small chart-empty">No evaluation yet at this point.</div> : (
        <ResponsiveContainer width="100%" height={170}>
          <ComposedChart data={epochs} margin={{ top: 6, right: 10, bottom: 0, left: -18 }}>
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
            <XAxis dataKey="epoch" type="number" domain={[0, Math.max(1, lastEpoch)]} allowDecimals={false} tick={AXIS} />
            <YAxis domain={[0, 100]} tick={AXIS} unit="%" />
            <Tooltip contentStyle={TOOLTIP} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            <ReferenceLine x={cursorEpoch} stroke="var(--cursor)" strokeDasharray="4 2" />
            <Line dataKey="val" name="val" stroke="#2563eb" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls />
            {showPromptOnly && <Line dataKey="valPromptOnly" name="val, prompt only" stroke="#93c5fd" strokeDasharray="4 2" dot={{ r: 2 }} isAnimationActive={false} connectNulls />}
            <Scatter dataKey="test" name="test" fill="#f97316" isAnimationActive={false} />
            <Scatter dataKey="testPromptOnly" name="test, prompt only" fill="#fdba74" isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});

/** Train-batch accuracy per step with a rolling mean, on an axis spanning the whole run. */
const BatchChart = memo(function BatchChart({ batches, total }: { batches: BatchPoint[]; total: number }) {
  return (
    <figure className="chart" data-testid="batch-chart" data-points={batches.length}>
      <figcaption className="muted small">train-batch accuracy per step (line: mean of the last 5)</figcaption>
      {batches.length === 0 ? <div className="muted small chart-empty">No training step yet at this point.</div> : (
        <ResponsiveContainer width="100%" height={170}>
          <LineChart data={batches} margin={{ top: 6, right: 10, bottom: 0, left: -18 }}>
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
            <XAxis dataKey="batch" type="number" domain={[1, Math.max(2, total)]} allowDecimals={false} tick={AXIS} />
            <YAxis domain={[0, 100]} tick={AXIS} unit="%" />
            <Tooltip contentStyle={TOOLTIP} />
            <ReferenceLine x={batches.at(-1)?.batch ?? 1} stroke="var(--cursor)" strokeDasharray="4 2" />
            <Line dataKey="accuracy" name="batch" stroke="#94a3b8" dot={false} isAnimationActive={false} />
            <Line dataKey="rolling" name="mean of 5" stroke="#10b981" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});

/** Cumulative tokens per role over the log; the cursor moves with the curve's samples. */
const TokensChart = memo(function TokensChart({ tokens, first, last, cursor }: { tokens: { roles: string[]; points: Record<string, number>[] }; first: number; last: number; cursor: number }) {
  return (
    <figure className="chart" data-testid="tokens-chart">
      <figcaption className="muted small">tokens per role, cumulative over the log</figcaption>
      {tokens.points.length === 0 || tokens.roles.length === 0 ? <div className="muted small chart-empty">No model call yet at this point.</div> : (
        <ResponsiveContainer width="100%" height={170}>
          <AreaChart data={tokens.points} margin={{ top: 6, right: 10, bottom: 0, left: 0 }}>
            <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
            <XAxis dataKey="position" type="number" domain={[first, Math.max(first + 1, last)]} tick={AXIS} />
            <YAxis tick={AXIS} tickFormatter={(v: number) => formatCount(v)} />
            <Tooltip contentStyle={TOOLTIP} formatter={(v) => formatCount(Number(v))} />
            <ReferenceLine x={cursor} stroke="var(--cursor)" strokeDasharray="4 2" />
            {tokens.roles.map((role, i) => (
              <Area key={role} dataKey={role} stackId="tokens" stroke={ROLE_COLORS[i % ROLE_COLORS.length]} fill={ROLE_COLORS[i % ROLE_COLORS.length]} fillOpacity={0.35} isAnimationActive={false} />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
});

export function RunCharts() {
  const series = useApp((s) => s.series);
  const timeline = useApp((s) => s.timeline);
  const state = useApp((s) => s.pointState);
  const summary = useApp((s) => s.summary);
  const upTo = state?.position ?? 0;
  const lastEpoch = summary?.epochsPlanned ?? 0;
  const first = timeline?.positions[0] ?? 0;
  const last = timeline?.positions.at(-1) ?? 0;
  // Scrubbing moves the cursor every event; the charts only change when a point passes it. Keyed
  // on those counts (and the token chart on its 1/120 buckets), most scrub steps redraw no chart.
  const batchCut = series ? countAtOrBefore(series.trainBatches.length, (i) => series.trainBatches[i]!.position, upTo) : 0;
  const evalCut = series ? countAtOrBefore(series.evaluations.length, (i) => series.evaluations[i]!.position, upTo) : 0;
  // The token curve is sampled: its last point at or before the cursor is where the chart stops.
  const curveCut = series ? countAtOrBefore(series.tokens.positions.length, (i) => series.tokens.positions[i]!, upTo) : 0;
  const bucketEnd = series?.tokens.positions[curveCut - 1] ?? first;
  const batchesUpTo = series?.trainBatches[batchCut - 1]?.position ?? 0;
  const evalsUpTo = series?.evaluations[evalCut - 1]?.position ?? 0;
  const batches = useMemo(() => (series ? batchAccuracy(series, batchesUpTo) : []), [series, batchesUpTo]);
  const epochs = useMemo(() => (series ? epochAccuracy(series, evalsUpTo, lastEpoch) : []), [series, evalsUpTo, lastEpoch]);
  const tokens = useMemo(() => (series ? cumulativeTokens(series, bucketEnd) : { roles: [], points: [] }), [series, bucketEnd]);
  const roles = useMemo(() => roleTotals(state?.usageByRole), [state]);
  if (!series || !state) return <div className="muted small chart-empty">Loading charts…</div>;
  return (
    <section className="panel charts" aria-label="Charts" data-testid="charts" data-up-to={upTo}>
      <header className="panel-header"><h3>Accuracy</h3><span className="muted small">up to position {upTo}</span></header>
      <div className="chart-pair">
        <EpochChart epochs={epochs} lastEpoch={lastEpoch} cursorEpoch={state.epoch} />
        <BatchChart batches={batches} total={series.trainBatches.length} />
      </div>
      <div className="chart-pair">
        <TokensChart tokens={tokens} first={first} last={last} cursor={bucketEnd} />
        <div className="role-wrap">
        <table className="role-table" data-testid="role-usage">
          <thead><tr><th>role</th><th className="num">calls</th><th className="num">cached</th><th className="num">tokens in</th><th className="num">tokens out</th></tr></thead>
          <tbody>
            {roles.map((row) => (
              <tr key={row.role}>
                <td>{row.role}</td>
                <td className="num">{formatCount(row.calls)}</td>
                <td className="num">{formatCount(row.cached)}</td>
                <td className="num">{formatCount(row.promptTokens)}</td>
                <td className="num">{formatCount(row.completionTokens)}</td>
              </tr>
            ))}
            {roles.length === 0 && <tr><td colSpan={5} className="muted">No model call yet at this point.</td></tr>}
          </tbody>
        </table>
        </div>
      </div>
    </section>
  );
}

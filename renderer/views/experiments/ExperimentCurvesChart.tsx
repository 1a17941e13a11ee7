import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ExperimentCellView } from '../../../shared/api/experimentViews';
import type { Method } from '../../../shared/api/runViews';
import type { EvaluationPoint } from '../../../shared/api/timelineViews';
import { experimentCurves, METHOD_COLORS } from './experimentCurves';

const AXIS = { fontSize: 11, fill: 'var(--muted)' };
const TOOLTIP = { background: 'var(--panel)', borderColor: 'var(--border)', fontSize: 11 };

/**
 * Validation (solid) and test (dashed, seed to final) per epoch of every cell run, overlaid and
 * coloured by method: how much the seeds of a method agree, and where the methods part.
 */
export function ExperimentCurvesChart({ cells, evaluations }: { cells: readonly ExperimentCellView[]; evaluations: Readonly<Record<string, EvaluationPoint[]>> }) {
  const { rows, lines } = useMemo(() => experimentCurves(cells, evaluations), [cells, evaluations]);
  const methods = [...new Set(cells.map((cell) => cell.method))] as Method[];
  const runsDrawn = new Set(lines.map((line) => line.runId)).size;
  return (
    <section className="panel" aria-label="Curves" data-testid="experiment-curves" data-runs={runsDrawn}>
      <header className="panel-header">
        <h3>Curves</h3>
        <span className="muted small">validation accuracy per epoch (solid; 0 = seed prompt) and test (dashed, seed prompt to final) of every cell's run, {runsDrawn} of {cells.length} drawn; runs with equal scores draw over each other</span>
      </header>
      <ul className="curve-legend small" aria-label="Colours">
        {methods.map((method) => <li key={method}><i className="swatch" style={{ background: METHOD_COLORS[method] }} /> {method}</li>)}
        <li><i className="legend-line" /> val</li>
        <li><i className="legend-line dashed" /> test</li>
      </ul>
      {lines.length === 0 ? <div className="muted small chart-empty">No evaluation yet.</div> : (
        <figure className="chart" aria-label="Validation and test accuracy per epoch for every cell">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={rows} margin={{ top: 6, right: 12, bottom: 0, left: -16 }}>
              <CartesianGrid stroke="var(--grid)" strokeDasharray="3 3" />
              <XAxis dataKey="epoch" type="number" allowDecimals={false} domain={[0, 'dataMax']} padding={{ left: 8, right: 8 }} tick={AXIS} />
              <YAxis domain={[0, 100]} unit="%" tick={AXIS} />
              <Tooltip contentStyle={TOOLTIP} labelFormatter={(epoch) => `epoch ${String(epoch)}`} formatter={(value) => `${String(value)}%`} />
              {lines.map((line) => (
                <Line
                  key={line.key}
                  dataKey={line.key}
                  name={line.name}
                  stroke={line.color}
                  strokeWidth={line.split === 'val' ? 1.5 : 1}
                  strokeOpacity={0.8}
                  strokeDasharray={line.split === 'test' ? '5 3' : undefined}
                  dot={{ r: line.split === 'test' ? 3 : 2, fill: line.color, stroke: line.color }}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}

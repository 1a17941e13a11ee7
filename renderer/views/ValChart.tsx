import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetric } from '../../shared/api/runViews';

/** Validation accuracy per epoch (epoch 0 = the seed prompt), with the scrubber's epoch marked. */
export function ValChart({ metrics, epoch }: { metrics: readonly EpochMetric[]; epoch: number | null }) {
  const data = metrics
    .filter((m) => m.val !== null)
    .map((m) => ({ epoch: m.epoch, val: Math.round((m.val ?? 0) * 1000) / 10 }));
  if (data.length === 0) return <div className="muted small chart-empty">No validation score yet.</div>;
  return (
    <div className="val-chart" data-testid="val-chart">
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: -12 }}>
          <CartesianGrid stroke="#e3e6ea" strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} unit="%" />
          <Tooltip formatter={(value) => [`${String(value)}%`, 'val']} labelFormatter={(epoch) => `epoch ${String(epoch)}`} />
          {epoch !== null && <ReferenceLine x={epoch} stroke="#c2410c" strokeDasharray="4 2" />}
          <Line type="monotone" dataKey="val" stroke="#2563eb" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

import type { MetricSeries } from '../../shared/api/timelineViews';
import { codeOf } from '../../shared/api/codeOf';

/** Appends a live tail of series (from `runs.metrics` with `afterPosition`) to what is known. */
export function appendSeries(base: MetricSeries, tail: MetricSeries): MetricSeries {
  const roles = [...base.usage.roles];
  const remap = tail.usage.roles.map((role) => codeOf(roles, role));
  const usage = { ...base.usage, roles, positions: [...base.usage.positions], role: [...base.usage.role], calls: [...base.usage.calls], cached: [...base.usage.cached], promptTokens: [...base.usage.promptTokens], completionTokens: [...base.usage.completionTokens] };
  tail.usage.positions.forEach((position, i) => {
    if (position <= (base.usage.positions.at(-1) ?? 0)) return;
    usage.positions.push(position);
    usage.role.push(remap[tail.usage.role[i]!]!);
    usage.calls.push(tail.usage.calls[i]!);
    usage.cached.push(tail.usage.cached[i]!);
    usage.promptTokens.push(tail.usage.promptTokens[i]!);
    usage.completionTokens.push(tail.usage.completionTokens[i]!);
  });
  return {
    runId: base.runId,
    trainBatches: [...base.trainBatches, ...tail.trainBatches.filter((b) => b.position > (base.trainBatches.at(-1)?.position ?? 0))],
    evaluations: [...base.evaluations, ...tail.evaluations.filter((e) => e.position > (base.evaluations.at(-1)?.position ?? 0))],
    usage,
  };
}

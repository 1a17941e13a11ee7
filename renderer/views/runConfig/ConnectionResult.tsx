import type { ConnectionReportView } from '../../../shared/api/contract';

/** What "Test connection" found: reachable, the model listed, what the server serves. */
export function ConnectionResult({ report, error }: { report: ConnectionReportView | null; error: string | null }) {
  if (error) return <div className="error-message small" data-testid="connection-result">{error}</div>;
  if (!report) return null;
  const extra = report as ConnectionReportView & { contextTokens?: number; thinkingSwitch?: string };
  return (
    <div className={`connection-result small ${report.reachable && report.modelAvailable ? 'ok' : 'bad'}`} data-testid="connection-result">
      {report.reachable ? `reachable in ${Math.round(report.latencyMs ?? 0)} ms` : `not reachable${report.error ? `: ${report.error}` : ''}`}
      {report.reachable && ` · model ${report.modelAvailable ? 'available' : 'NOT listed'}`}
      {report.models.length > 0 && ` · serves ${report.models.slice(0, 5).join(', ')}${report.models.length > 5 ? '…' : ''}`}
      {extra.contextTokens !== undefined && ` · context ${extra.contextTokens.toLocaleString()} tokens`}
      {report.thinkingSwitchAccepted !== undefined && ` · thinking switch ${report.thinkingSwitchAccepted ? 'accepted' : 'refused'}`}
      {extra.thinkingSwitch !== undefined && ` (${extra.thinkingSwitch})`}
    </div>
  );
}

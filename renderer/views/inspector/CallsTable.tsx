import type { LoggedCall } from '../../../shared/events/run/callRecord';

/** The model calls an event records: who was asked, where, and what it cost. */
export function CallsTable({ calls }: { calls: readonly LoggedCall[] }) {
  return (
    <table className="calls-table" data-testid="calls-table">
      <thead>
        <tr>
          <th>role</th><th>endpoint</th><th>model</th><th className="num">latency</th><th className="num">prompt tok</th>
          <th className="num">completion tok</th><th>cached</th><th className="num">attempts</th><th>finish</th>
        </tr>
      </thead>
      <tbody>
        {calls.map((call, i) => (
          <tr key={i} data-testid="call-row">
            <td>{call.role}</td>
            <td>{call.endpoint}</td>
            <td>{call.model}</td>
            <td className="num">{Math.round(call.latencyMs)} ms</td>
            <td className="num" data-testid="call-prompt-tokens">{call.promptTokens}</td>
            <td className="num" data-testid="call-completion-tokens">{call.completionTokens}</td>
            <td>{call.cached ? 'yes' : 'no'}</td>
            <td className="num">{call.attempts}</td>
            <td>{call.finishReason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { ExperimentPlan } from '../../../shared/api/experimentViews';
import type { ApiError } from '../../../shared/api/result';
import { SimulatorBadge } from '../../components/Badge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatCount, formatDuration } from '../../format/formatters';

const exact = (value: number) => value.toLocaleString('en-US');

/**
 * What the experiment would start and cost, as the core planned it; or why it cannot start. While
 * the current fields are being planned the last answer stays, dimmed, so the panel does not jump.
 */
export function ExperimentPlanPanel({ plan, error, pending, localProblem }: { plan: ExperimentPlan | null; error: ApiError | null; pending: boolean; localProblem: boolean }) {
  return (
    <section className={`plan${pending ? ' stale' : ''}`} aria-label="Plan" aria-live="polite" aria-busy={pending} data-testid="experiment-plan" data-state={pending ? 'pending' : localProblem ? 'none' : error ? 'error' : plan ? 'ready' : 'none'}>
      <h3>Plan {pending && <span className="muted small">planning…</span>}</h3>
      {localProblem && <p className="muted small">Fix the grid fields marked above to see the plan.</p>}
      {error && !localProblem && <ErrorMessage error={error} />}
      {plan && !localProblem && (
        <>
          <dl className="facts" data-testid="plan-facts">
            <div><dt>runs</dt><dd data-testid="plan-runs">{exact(plan.runs)}</dd></div>
            <div><dt>model calls, estimated</dt><dd data-testid="plan-calls">≈ {exact(plan.calls)}</dd></div>
            <div><dt>tokens, estimated</dt><dd data-testid="plan-tokens" title={`${exact(plan.tokens)} tokens`}>≈ {formatCount(plan.tokens)}</dd></div>
            <div>
              <dt>wall time, estimated</dt>
              <dd data-testid="plan-time">
                {plan.seconds
                  ? <span title="at least: every cell at once, never short of request slots; at most: one cell after another">{formatDuration(plan.seconds.atLeast)} – {formatDuration(plan.seconds.atMost)}</span>
                  : <span className="muted">no similar run to estimate time from</span>}
              </dd>
            </div>
          </dl>
          <ul className="plan-basis small muted" data-testid="plan-basis">
            {plan.basis.map((line) => <li key={line}>{line}</li>)}
          </ul>
          {plan.simulated && (
            <p className="small" data-testid="plan-simulated">
              <SimulatorBadge /> Every endpoint is the built-in simulator, a scripted fake model for tests and demos: these runs will measure the app, not a model.
            </p>
          )}
        </>
      )}
    </section>
  );
}

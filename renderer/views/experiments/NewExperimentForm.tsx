import { useMemo, useState, type FormEvent } from 'react';
import { METHODS, type Method } from '../../../shared/api/runViews';
import { MAX_EXPERIMENT_CELLS } from '../../../shared/experiments/experimentConfig';
import type { ApiError } from '../../../shared/api/result';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApp } from '../../store/storeContext';
import { METHOD_NOTES } from '../methodNotes';
import { Field } from '../runConfig/Field';
import { RunConfigFields } from '../runConfig/RunConfigFields';
import { baseConfigOf, INITIAL_DRAFT, type RunConfigDraft } from '../runConfig/runConfigDraft';
import { useConfigCheck } from '../runConfig/useConfigCheck';
import { experimentConfigOf, type GridFields } from './gridFields';
import { ExperimentPlanPanel } from './ExperimentPlanPanel';
import { useExperimentPlan } from './useExperimentPlan';

const INITIAL_GRID: GridFields = { name: '', methods: [...METHODS], seeds: '0, 1, 2', vary: { on: false, key: 'retrievalK', values: '1, 3, 5' } };

/** The plan's problems that belong to one grid field, by their path in the experiment file (`path: message`). */
function detailsAt(error: ApiError | null, prefix: string): { message: string }[] {
  return (error?.details ?? [])
    .filter((detail) => detail === prefix || detail.startsWith(`${prefix}.`) || detail.startsWith(`${prefix}:`))
    .map((detail) => ({ message: detail.slice(detail.indexOf(': ') + 2) }));
}

/**
 * A new experiment: one base run config (the new-run form's fields, checked by the core as you
 * type) and a grid over it (methods x seeds, optionally x one more key). The core plans it as you
 * go (runs, calls, tokens, time); Start starts exactly the experiment the plan shown is for.
 */
export function NewExperimentForm({ onClose }: { onClose: () => void }) {
  const startExperiment = useApp((s) => s.startExperiment);
  const [draft, setDraft] = useState<RunConfigDraft>(INITIAL_DRAFT);
  const [grid, setGrid] = useState<GridFields>(INITIAL_GRID);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError | null>(null);
  const base = useMemo(() => baseConfigOf(draft), [draft]);
  // The base is checked field by field as a run of the grid's first method would be.
  const checked = useMemo(() => ({ ...base, method: grid.methods[0] ?? 'remo' }), [base, grid.methods]);
  const check = useConfigCheck(checked);
  const built = useMemo(() => experimentConfigOf(grid, base), [grid, base]);
  const config = 'config' in built ? built.config : null;
  const plan = useExperimentPlan(config);
  const planError = plan.result && !plan.result.ok ? plan.result.error : null;
  const shownPlan = plan.pending ? plan.last : plan.result;
  const local = 'config' in built ? null : built;
  const editGrid = (patch: Partial<GridFields>) => {
    setStartError(null);
    setGrid((current) => ({ ...current, ...patch }));
  };
  const toggleMethod = (method: Method, on: boolean) => editGrid({ methods: METHODS.filter((m) => (m === method ? on : grid.methods.includes(m))) });
  const ready = config !== null && plan.result?.ok === true && !starting;
  const gridIssues = (path: string) => [...(local?.path.startsWith(path) ? [{ message: local.message }] : []), ...detailsAt(planError, path)];
  const rows = grid.methods.length * (grid.vary.on ? Math.max(1, grid.vary.values.split(',').filter((v) => v.trim()).length) : 1);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || !config) return;
    setStarting(true);
    const result = await startExperiment(config);
    setStarting(false);
    if (!result.ok) setStartError(result.error);
    else onClose();
  }

  return (
    <form className="new-run-form experiment-form" onSubmit={(event) => void submit(event)} aria-label="New experiment" data-testid="new-experiment-form" noValidate>
      <div className="row">
        <Field label="Experiment name" issues={detailsAt(planError, 'name')} grow>
          <input type="text" placeholder="optional; each run is named “name · method · seed s”" value={grid.name} onChange={(e) => editGrid({ name: e.target.value })} data-testid="experiment-name" />
        </Field>
      </div>
      <h3 className="form-section">Base run config <span className="muted small">every cell starts from it; the grid sets each run's method and seed</span></h3>
      <RunConfigFields draft={draft} onChange={(patch) => { setStartError(null); setDraft((current) => ({ ...current, ...patch })); }} check={check} single={false} />
      <h3 className="form-section">Grid <span className="muted small">rows: methods{grid.vary.on ? ' × values' : ''}; columns: seeds; at most {MAX_EXPERIMENT_CELLS} cells</span></h3>
      <div className="row">
        <fieldset className={`methods-field${gridIssues('grid.methods').length > 0 ? ' invalid' : ''}`} data-testid="experiment-methods">
          <legend>Methods</legend>
          {METHODS.map((method) => (
            <label key={method} className="check" title={METHOD_NOTES[method]}>
              <input type="checkbox" checked={grid.methods.includes(method)} onChange={(e) => toggleMethod(method, e.target.checked)} data-testid={`experiment-method-${method}`} /> {method}
            </label>
          ))}
          {gridIssues('grid.methods').map((issue) => <span key={issue.message} className="field-issue" role="alert" data-testid="field-issue">{issue.message}</span>)}
        </fieldset>
        <Field label="Seeds (comma-separated)" issues={gridIssues('grid.seeds')}>
          <input type="text" value={grid.seeds} onChange={(e) => editGrid({ seeds: e.target.value })} data-testid="experiment-seeds" aria-invalid={gridIssues('grid.seeds').length > 0} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={grid.vary.on} onChange={(e) => editGrid({ vary: { ...grid.vary, on: e.target.checked } })} data-testid="experiment-vary" /> vary one more key
        </label>
        {grid.vary.on && (
          <>
            <Field label="Config key" issues={gridIssues('grid.vary.key')}>
              <input type="text" value={grid.vary.key} onChange={(e) => editGrid({ vary: { ...grid.vary, key: e.target.value } })} data-testid="experiment-vary-key" />
            </Field>
            <Field label="Values (comma-separated)" issues={gridIssues('grid.vary.values')} grow>
              <input type="text" value={grid.vary.values} onChange={(e) => editGrid({ vary: { ...grid.vary, values: e.target.value } })} data-testid="experiment-vary-values" />
            </Field>
          </>
        )}
      </div>
      <div className="hint" data-testid="grid-hint">
        {rows} row{rows === 1 ? '' : 's'} × {config ? ((config.grid as { seeds: number[] }).seeds.length) : '?'} seed column(s). Seeds change the order of training minibatches; every cell gets its own run.
      </div>
      <ExperimentPlanPanel plan={shownPlan?.ok ? shownPlan.value : null} error={shownPlan && !shownPlan.ok ? shownPlan.error : null} pending={plan.pending} localProblem={local !== null} />
      {startError && <ErrorMessage error={startError} />}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={!ready} title={ready ? undefined : 'Start when the plan is shown'} data-testid="experiment-start">
          {starting ? 'Starting…' : plan.result?.ok ? `Start ${plan.result.value.runs} runs` : 'Start'}
        </button>
        <button type="button" className="button" onClick={onClose} data-testid="experiment-cancel">Cancel</button>
      </div>
    </form>
  );
}

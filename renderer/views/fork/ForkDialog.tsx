import { useEffect, useState, type FormEvent } from 'react';
import { METHODS, type Method } from '../../../shared/api/runViews';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/storeContext';
import { epochEndingAt } from '../../store/detailSlice';
import { METHOD_NOTES } from '../methodNotes';

interface EndpointShape { name?: string; kind?: string; baseURL?: string; model?: string; apiKeyEnv?: string; concurrency?: number; timeoutMs?: number }

/**
 * Fork from the scrubbed point with new settings. Says what the child inherits (P, Q and the
 * notebook as of the point) and lets the user change what it does next: name, epochs, method,
 * endpoint, solver temperature, validation gate, retrieval k and call budget. Only changed fields
 * become overrides; the core re-validates them.
 */
export function ForkDialog({ onClose }: { onClose: () => void }) {
  const summary = useApp((s) => s.summary);
  const state = useApp((s) => s.pointState);
  const timeline = useApp((s) => s.timeline);
  const loadRunConfig = useApp((s) => s.loadRunConfig);
  const forkHere = useApp((s) => s.forkHere);
  const [config, setConfig] = useState<Record<string, unknown> | null>(null);
  const [fields, setFields] = useState({ name: '', epochs: '', method: '' as Method | '', baseURL: '', model: '', temperature: '', gate: '', retrievalK: '', maxCalls: '' });
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadRunConfig().then(setConfig);
  }, [loadRunConfig]);
  if (!summary || !state) return null;

  const epoch = epochEndingAt(timeline, state.position);
  const where = epoch === null ? `position ${state.position} (epoch ${state.epoch}, step ${state.step})` : epoch === 0 ? 'the seed evaluation' : `the end of epoch ${epoch}`;
  const endpoint = (Array.isArray(config?.endpoints) ? (config.endpoints as EndpointShape[])[0] : undefined) ?? {};
  const solverTemperature = (config?.roles as Record<string, { sampling?: { temperature?: number } }> | undefined)?.solver?.sampling?.temperature;
  const set = (patch: Partial<typeof fields>) => setFields((current) => ({ ...current, ...patch }));

  function overrides(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (fields.name.trim()) out.name = fields.name.trim();
    if (fields.epochs) out.epochs = Number(fields.epochs);
    if (fields.method) out.method = fields.method;
    if (fields.gate) out.validationGate = fields.gate === 'on';
    if (fields.retrievalK) out.retrievalK = Number(fields.retrievalK);
    if (fields.maxCalls) out.budget = { maxCalls: Number(fields.maxCalls) };
    if (fields.temperature) out.roles = { solver: { sampling: { temperature: Number(fields.temperature) } } };
    if (fields.baseURL.trim() || fields.model.trim()) {
      const endpoints = Array.isArray(config?.endpoints) ? [...(config.endpoints as EndpointShape[])] : [];
      endpoints[0] = { ...endpoint, ...(fields.baseURL.trim() ? { baseURL: fields.baseURL.trim() } : {}), ...(fields.model.trim() ? { model: fields.model.trim() } : {}) };
      out.endpoints = endpoints;
    }
    return out;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const ok = await forkHere(overrides());
    setBusy(false);
    if (ok) onClose();
  }

  const text = (key: keyof typeof fields, label: string, placeholder: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={fields[key]} placeholder={placeholder} onChange={(e) => set({ [key]: e.target.value })} data-testid={`fork-${key}`} />
    </label>
  );

  return (
    <Dialog title={`Fork ${summary.name}`} onClose={onClose} testId="fork-dialog">
      <form className="fork-form" onSubmit={(event) => void submit(event)}>
        <p className="muted" data-testid="fork-inherits">
          The new run starts from {where} of <strong>{summary.runId}</strong> and inherits, exactly as they were there: the system prompt P
          (v{state.prompt.version}), the optimizer instructions Q (v{state.optimizerInstructions.version}) and the mistake notebook
          ({state.notebook.length} {state.notebook.length === 1 ? 'entry' : 'entries'}). Leave a field empty to keep the parent's setting.
        </p>
        <div className="form-grid">
          {text('name', 'Name', `${summary.name} · fork`)}
          {text('epochs', 'Epochs (total)', String(config?.epochs ?? summary.epochsPlanned), 'number')}
          <label>
            Method
            <select value={fields.method} onChange={(e) => set({ method: e.target.value as Method | '' })} data-testid="fork-method">
              <option value="">{`keep ${summary.method}`}</option>
              {METHODS.filter((m) => m !== summary.method).map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <label>
            Validation gate
            <select value={fields.gate} onChange={(e) => set({ gate: e.target.value })} data-testid="fork-gate">
              <option value="">{`keep ${config?.validationGate === true ? 'on' : config?.validationGate === false ? 'off' : ''}`}</option>
              <option value="on">on</option>
              <option value="off">off</option>
            </select>
          </label>
          {text('retrievalK', 'Retrieval k', String(config?.retrievalK ?? 3), 'number')}
          {text('temperature', 'Solver temperature', String(solverTemperature ?? 0), 'number')}
          {text('maxCalls', 'Budget: max calls', 'unlimited', 'number')}
          {text('baseURL', 'Endpoint base URL', endpoint.baseURL ?? '')}
          {text('model', 'Model', endpoint.model ?? '')}
        </div>
        {fields.method && <p className="muted small">{METHOD_NOTES[fields.method]}</p>}
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="fork-start">{busy ? 'Forking…' : 'Start the fork'}</button>
        </div>
      </form>
    </Dialog>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { ENDPOINT_KINDS } from '../../../shared/config/runConfig';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/storeContext';

interface EndpointShape { name: string; kind: string; baseURL: string; model: string; apiKeyEnv?: string; [key: string]: unknown }

/**
 * Fixes what a failed run could not reach (a wrong base URL, model or key variable) and resumes
 * it. The change is an event in the run's log; a key is never stored, only the name of the
 * variable the core reads it from.
 */
export function FixEndpointDialog({ onClose }: { onClose: () => void }) {
  const summary = useApp((s) => s.summary);
  const loadRunConfig = useApp((s) => s.loadRunConfig);
  const resumeRun = useApp((s) => s.resumeRun);
  const [endpoints, setEndpoints] = useState<EndpointShape[] | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadRunConfig().then((config) => setEndpoints(Array.isArray(config?.endpoints) ? (config.endpoints as EndpointShape[]).map((e) => ({ ...e })) : []));
  }, [loadRunConfig]);
  if (!summary) return null;
  const edit = (i: number, patch: Partial<EndpointShape>) => setEndpoints((current) => current?.map((e, j) => (j === i ? { ...e, ...patch } : e)) ?? null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!endpoints) return;
    setBusy(true);
    const cleaned = endpoints.map(({ apiKeyEnv, ...rest }) => ({ ...rest, ...(apiKeyEnv && apiKeyEnv.trim() ? { apiKeyEnv: apiKeyEnv.trim() } : {}) }));
    const ok = await resumeRun({ endpoints: cleaned });
    setBusy(false);
    if (ok) onClose();
  }

  return (
    <Dialog title={`Fix the endpoint of ${summary.name} and resume`} onClose={onClose} testId="fix-dialog">
      <form onSubmit={(event) => void submit(event)}>
        {summary.statusReason && <p className="error-message small">{summary.statusReason}</p>}
        {endpoints === null && <p className="muted">Reading the run's endpoints…</p>}
        {endpoints?.map((endpoint, i) => (
          <div key={i} className="form-grid">
            <label>
              Kind
              <select value={endpoint.kind} onChange={(e) => edit(i, { kind: e.target.value })}>
                {ENDPOINT_KINDS.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
              </select>
            </label>
            <label className="wide">
              Base URL ({endpoint.name})
              <input type="text" value={endpoint.baseURL} onChange={(e) => edit(i, { baseURL: e.target.value })} data-testid="fix-baseURL" />
            </label>
            <label>
              Model
              <input type="text" value={endpoint.model} onChange={(e) => edit(i, { model: e.target.value })} data-testid="fix-model" />
            </label>
            <label>
              API key variable
              <input type="text" value={endpoint.apiKeyEnv ?? ''} placeholder="none" onChange={(e) => edit(i, { apiKeyEnv: e.target.value })} data-testid="fix-apiKeyEnv" />
            </label>
          </div>
        ))}
        <div className="dialog-actions">
          <button type="submit" className="button primary" disabled={busy || !endpoints} data-testid="fix-resume">{busy ? 'Resuming…' : 'Save and resume'}</button>
        </div>
      </form>
    </Dialog>
  );
}

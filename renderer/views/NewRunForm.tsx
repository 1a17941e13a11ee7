import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ConfigCheck, ConnectionReportView } from '../../shared/api/contract';
import { METHODS, type Method } from '../../shared/api/runViews';
import { DEFAULT_ENDPOINT, ENDPOINT_KINDS, PRESETS, TEXTGRAD_SEED_PROMPT, type PresetName } from '../../shared/config/runConfig';
import { useApp } from '../store/storeContext';
import { METHOD_NOTES, PRESET_NOTES } from './methodNotes';

/** Kinds a user points a run at; the simulator is offered by the host itself (`remo web --simulator`), never here. */
const SERVER_KINDS = ENDPOINT_KINDS.filter((kind) => kind !== 'simulator');
const HOST_DEFAULT = 'default';
/** The core checks the config this long after the last keystroke. */
const CHECK_SETTLE_MS = 300;

interface ServerFields { kind: string; baseURL: string; model: string; apiKeyEnv: string; concurrency: string }
interface MemoryFields { fromRunId: string; atEpoch: string; notebook: boolean; optimizerInstructions: boolean }

/** The endpoint the form describes, or nothing when the host's default endpoints should be used. */
function endpointOf(server: ServerFields): Record<string, unknown> | undefined {
  if (server.kind === HOST_DEFAULT) return undefined;
  return {
    name: 'server',
    kind: server.kind,
    baseURL: server.baseURL.trim(),
    model: server.model.trim(),
    concurrency: server.concurrency.trim() === '' ? Number.NaN : Number(server.concurrency),
    // The key itself never goes into a config: only the name of the variable the host reads it from.
    ...(server.apiKeyEnv.trim() ? { apiKeyEnv: server.apiKeyEnv.trim() } : {}),
  };
}

/**
 * The new-run form. Every change is checked by the core (runs.validateConfig: the same rules as
 * starting a run, nothing written) and each problem is shown next to its field in plain words;
 * Start stays off until the config is valid. "Test connection" probes the described server.
 */
export function NewRunForm({ onDone }: { onDone: () => void }) {
  const startRun = useApp((s) => s.startRun);
  const checkConfig = useApp((s) => s.checkConfig);
  const testEndpoint = useApp((s) => s.testEndpoint);
  const simulatorHost = useApp((s) => s.info?.simulator ?? false);
  const runs = useApp((s) => s.runs);
  const [method, setMethod] = useState<Method>('remo');
  const [preset, setPreset] = useState<PresetName>('textgrad-dspy');
  const [epochs, setEpochs] = useState('3');
  const [name, setName] = useState('');
  const [prompt, setPrompt] = useState(TEXTGRAD_SEED_PROMPT);
  const [server, setServer] = useState<ServerFields>({ kind: HOST_DEFAULT, baseURL: DEFAULT_ENDPOINT.baseURL, model: DEFAULT_ENDPOINT.model, apiKeyEnv: '', concurrency: '32' });
  const [memory, setMemory] = useState<MemoryFields>({ fromRunId: '', atEpoch: '', notebook: true, optimizerInstructions: true });
  const [check, setCheck] = useState<ConfigCheck | null>(null);
  const [connection, setConnection] = useState<{ busy: boolean; report: ConnectionReportView | null; error: string | null }>({ busy: false, report: null, error: null });
  const [busy, setBusy] = useState(false);
  const edit = (patch: Partial<ServerFields>) => setServer((current) => ({ ...current, ...patch }));

  const config = useMemo(() => {
    const out: Record<string, unknown> = { method, preset, epochs: epochs.trim() === '' ? Number.NaN : Number(epochs) };
    if (name.trim()) out.name = name.trim();
    if (prompt.trim() !== TEXTGRAD_SEED_PROMPT) out.initialPrompt = prompt;
    const endpoint = endpointOf(server);
    if (endpoint) out.endpoints = [endpoint];
    if (memory.fromRunId) {
      out.memory = {
        fromRunId: memory.fromRunId, notebook: memory.notebook, optimizerInstructions: memory.optimizerInstructions,
        ...(memory.atEpoch.trim() ? { atEpoch: Number(memory.atEpoch) } : {}),
      };
    }
    return out;
  }, [method, preset, epochs, name, prompt, server, memory]);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      void checkConfig(config).then((result) => !cancelled && setCheck(result));
    }, CHECK_SETTLE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [config, checkConfig]);

  const issuesAt = (...prefixes: string[]) => (check?.issues ?? []).filter((issue) => prefixes.some((prefix) => issue.path === prefix || issue.path.startsWith(`${prefix}.`)));
  const shownPaths = ['method', 'preset', 'epochs', 'name', 'initialPrompt', 'endpoints.0.baseURL', 'endpoints.0.model', 'endpoints.0.apiKeyEnv', 'endpoints.0.concurrency', 'memory'];
  const otherIssues = (check?.issues ?? []).filter((issue) => !shownPaths.some((p) => issue.path === p || issue.path.startsWith(`${p}.`)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!check?.ok) return;
    setBusy(true);
    const started = await startRun(config);
    setBusy(false);
    if (started) onDone();
  }

  async function probe() {
    const endpoint = endpointOf(server);
    if (!endpoint) return;
    setConnection({ busy: true, report: null, error: null });
    const result = await testEndpoint(endpoint);
    setConnection(result.ok ? { busy: false, report: result.value, error: null } : { busy: false, report: null, error: result.error.message });
  }

  const custom = server.kind !== HOST_DEFAULT;
  return (
    <form className="new-run-form" onSubmit={(event) => void submit(event)} data-testid="new-run-form" noValidate>
      <div className="row">
        <label>
          Method
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)} data-testid="form-method">
            {METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </label>
        <label>
          Preset
          <select value={preset} onChange={(e) => setPreset(e.target.value as PresetName)} data-testid="form-preset">
            {PRESETS.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <Field label="Epochs" issues={issuesAt('epochs')}>
          <input type="number" value={epochs} onChange={(e) => setEpochs(e.target.value)} data-testid="form-epochs" aria-invalid={issuesAt('epochs').length > 0} />
        </Field>
        <Field label="Name" issues={issuesAt('name')} grow>
          <input type="text" placeholder="optional" value={name} onChange={(e) => setName(e.target.value)} data-testid="form-name" />
        </Field>
        <button type="submit" className="button primary" disabled={busy || !check?.ok} data-testid="form-start" title={check?.ok ? undefined : 'Fix the problems shown first'}>
          {busy ? 'Starting…' : 'Start'}
        </button>
      </div>
      <div className="hint" data-testid="method-note">{METHOD_NOTES[method]} {PRESET_NOTES[preset]}</div>
      <div className="row">
        <label>
          Model server
          <select value={server.kind} onChange={(e) => edit({ kind: e.target.value })} data-testid="form-kind">
            <option value={HOST_DEFAULT}>host default</option>
            {SERVER_KINDS.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
          </select>
        </label>
        {custom ? (
          <>
            <Field label="Base URL" issues={issuesAt('endpoints.0.baseURL')} grow>
              <input type="text" value={server.baseURL} onChange={(e) => edit({ baseURL: e.target.value })} data-testid="form-baseURL" />
            </Field>
            <Field label="Model" issues={issuesAt('endpoints.0.model')} grow>
              <input type="text" value={server.model} onChange={(e) => edit({ model: e.target.value })} data-testid="form-model" />
            </Field>
            <Field label="API key variable" issues={issuesAt('endpoints.0.apiKeyEnv')}>
              <input type="text" placeholder="none" value={server.apiKeyEnv} onChange={(e) => edit({ apiKeyEnv: e.target.value })} data-testid="form-apiKeyEnv" />
            </Field>
            <Field label="Concurrency" issues={issuesAt('endpoints.0.concurrency')}>
              <input type="number" value={server.concurrency} onChange={(e) => edit({ concurrency: e.target.value })} data-testid="form-concurrency" />
            </Field>
            <button type="button" className="button" onClick={() => void probe()} disabled={connection.busy} data-testid="form-test-connection">
              {connection.busy ? 'Testing…' : 'Test connection'}
            </button>
          </>
        ) : (
          <span className="hint" data-testid="server-hint">
            {simulatorHost
              ? 'the built-in SIMULATOR this host was started with (not a model)'
              : `the OpenAI-compatible server at ${DEFAULT_ENDPOINT.baseURL}, model ${DEFAULT_ENDPOINT.model}`}
          </span>
        )}
      </div>
      {custom && (connection.report || connection.error) && <ConnectionResult report={connection.report} error={connection.error} />}
      <details className="form-more">
        <summary>Initial prompt and memory from a past run</summary>
        <Field label="Initial system prompt P" issues={issuesAt('initialPrompt')} grow>
          <textarea rows={4} value={prompt} onChange={(e) => setPrompt(e.target.value)} data-testid="form-prompt" />
        </Field>
        <div className="row">
          <Field label="Start from a past run's memory" issues={issuesAt('memory')}>
            <select value={memory.fromRunId} onChange={(e) => setMemory({ ...memory, fromRunId: e.target.value })} data-testid="form-memory-run">
              <option value="">none (empty notebook, seed Q)</option>
              {runs.map((run) => <option key={run.runId} value={run.runId}>{run.name} ({run.runId})</option>)}
            </select>
          </Field>
          {memory.fromRunId && (
            <>
              <Field label="as of epoch (empty = its end)" issues={[]}>
                <input type="number" value={memory.atEpoch} onChange={(e) => setMemory({ ...memory, atEpoch: e.target.value })} data-testid="form-memory-epoch" />
              </Field>
              <label className="check"><input type="checkbox" checked={memory.notebook} onChange={(e) => setMemory({ ...memory, notebook: e.target.checked })} /> its notebook</label>
              <label className="check"><input type="checkbox" checked={memory.optimizerInstructions} onChange={(e) => setMemory({ ...memory, optimizerInstructions: e.target.checked })} /> its Q</label>
            </>
          )}
        </div>
      </details>
      {otherIssues.length > 0 && (
        <ul className="form-issues" data-testid="form-issues">
          {otherIssues.map((issue) => <li key={`${issue.path}:${issue.message}`}>{issue.path ? `${issue.path}: ` : ''}{issue.message}</li>)}
        </ul>
      )}
    </form>
  );
}

function Field({ label, issues, grow, children }: { label: string; issues: ConfigCheck['issues']; grow?: boolean; children: React.ReactNode }) {
  return (
    <label className={`${grow ? 'grow ' : ''}${issues.length > 0 ? 'invalid' : ''}`}>
      {label}
      {children}
      {issues.map((issue) => <span key={issue.message} className="field-issue" role="alert" data-testid="field-issue">{issue.message}</span>)}
    </label>
  );
}

function ConnectionResult({ report, error }: { report: ConnectionReportView | null; error: string | null }) {
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

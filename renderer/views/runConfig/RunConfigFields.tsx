import { useState, type ReactNode } from 'react';
import type { ConfigCheck, ConnectionReportView } from '../../../shared/api/contract';
import { METHODS, type Method } from '../../../shared/api/runViews';
import { DEFAULT_ENDPOINT, ENDPOINT_KINDS, PRESETS } from '../../../shared/config/runConfig';
import { useApp } from '../../store/storeContext';
import { METHOD_NOTES, PRESET_NOTES } from '../methodNotes';
import { ConnectionResult } from './ConnectionResult';
import { Field } from './Field';
import { CUSTOM_SIZES, endpointOf, HOST_DEFAULT, type RunConfigDraft, type SizesChoice } from './runConfigDraft';
import { issuesAt } from './useConfigCheck';

/** Kinds a user points a run at; the simulator is offered by the host itself (`remo web --simulator`), never here. */
const SERVER_KINDS = ENDPOINT_KINDS.filter((kind) => kind !== 'simulator');

const CUSTOM_NOTE = 'Split sizes of your own (items of the dataset for train, val and test); batch 3, no validation gate; steps per epoch empty = one full pass over train.';

/** Config paths shown next to a field; issues anywhere else are listed under the fields. */
const FIELD_PATHS = ['method', 'preset', 'split', 'epochs', 'stepsPerEpoch', 'name', 'initialPrompt', 'endpoints.0.baseURL', 'endpoints.0.model', 'endpoints.0.apiKeyEnv', 'endpoints.0.concurrency', 'memory'];

interface Props {
  draft: RunConfigDraft;
  onChange(patch: Partial<RunConfigDraft>): void;
  /** The core's check of the config the draft describes (null until it answered). */
  check: ConfigCheck | null;
  /** A single run's form: its method and name are fields. An experiment's base leaves both to the grid. */
  single: boolean;
  /** Shown at the end of the first row (a form's Start button). */
  actions?: ReactNode;
}

/**
 * The fields of a run config, shared by the new-run form and an experiment's base config: sizes
 * (a preset or split sizes), schedule, model server (with "Test connection"), initial prompt and
 * memory from a past run. Each problem the core finds is shown next to its field.
 */
export function RunConfigFields({ draft, onChange, check, single, actions }: Props) {
  const testEndpoint = useApp((s) => s.testEndpoint);
  const simulatorHost = useApp((s) => s.info?.simulator ?? false);
  const runs = useApp((s) => s.runs);
  const [connection, setConnection] = useState<{ busy: boolean; report: ConnectionReportView | null; error: string | null }>({ busy: false, report: null, error: null });
  const server = draft.server;
  const memory = draft.memory;
  const editServer = (patch: Partial<RunConfigDraft['server']>) => onChange({ server: { ...server, ...patch } });
  const editMemory = (patch: Partial<RunConfigDraft['memory']>) => onChange({ memory: { ...memory, ...patch } });
  const at = (...prefixes: string[]) => issuesAt(check, ...prefixes);
  const otherIssues = (check?.issues ?? []).filter((issue) => !FIELD_PATHS.some((p) => issue.path === p || issue.path.startsWith(`${p}.`)));
  const custom = server.kind !== HOST_DEFAULT;

  async function probe() {
    const endpoint = endpointOf(server);
    if (!endpoint) return;
    setConnection({ busy: true, report: null, error: null });
    const result = await testEndpoint(endpoint);
    setConnection(result.ok ? { busy: false, report: result.value, error: null } : { busy: false, report: null, error: result.error.message });
  }

  const sizesNote = draft.sizes === CUSTOM_SIZES ? CUSTOM_NOTE : PRESET_NOTES[draft.sizes];
  return (
    <>
      <div className="row">
        {single && (
          <label>
            Method
            <select value={draft.method} onChange={(e) => onChange({ method: e.target.value as Method })} data-testid="form-method">
              {METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
        )}
        <Field label="Preset" issues={at('preset')}>
          <select value={draft.sizes} onChange={(e) => onChange({ sizes: e.target.value as SizesChoice })} data-testid="form-preset">
            {PRESETS.map((p) => <option key={p} value={p}>{p}</option>)}
            <option value={CUSTOM_SIZES}>custom sizes</option>
          </select>
        </Field>
        {draft.sizes === CUSTOM_SIZES && (['train', 'val', 'test'] as const).map((split) => (
          <Field key={split} label={`${split} items`} issues={at(`split.${split}`)}>
            <input type="number" min={1} value={draft.split[split]} onChange={(e) => onChange({ split: { ...draft.split, [split]: e.target.value } })} data-testid={`form-split-${split}`} aria-invalid={at(`split.${split}`).length > 0} />
          </Field>
        ))}
        {draft.sizes === CUSTOM_SIZES && at('split').filter((issue) => !/^split\.(train|val|test)/.test(issue.path)).map((issue) => (
          <span key={issue.message} className="field-issue" role="alert" data-testid="field-issue">{issue.message}</span>
        ))}
        <Field label="Epochs" issues={at('epochs')}>
          <input type="number" min={1} value={draft.epochs} onChange={(e) => onChange({ epochs: e.target.value })} data-testid="form-epochs" aria-invalid={at('epochs').length > 0} />
        </Field>
        <Field label="Steps per epoch" issues={at('stepsPerEpoch')}>
          <input type="number" min={1} placeholder={draft.sizes === CUSTOM_SIZES ? 'full pass' : 'as preset'} value={draft.stepsPerEpoch} onChange={(e) => onChange({ stepsPerEpoch: e.target.value })} data-testid="form-steps" aria-invalid={at('stepsPerEpoch').length > 0} />
        </Field>
        {single && (
          <Field label="Name" issues={at('name')} grow>
            <input type="text" placeholder="optional" value={draft.name} onChange={(e) => onChange({ name: e.target.value })} data-testid="form-name" />
          </Field>
        )}
        {actions}
      </div>
      <div className="hint" data-testid="method-note">{single ? `${METHOD_NOTES[draft.method]} ` : ''}{sizesNote}</div>
      <div className="row">
        <label>
          Model server
          <select value={server.kind} onChange={(e) => editServer({ kind: e.target.value })} data-testid="form-kind">
            <option value={HOST_DEFAULT}>host default</option>
            {SERVER_KINDS.map((kind) => <option key={kind} value={kind}>{kind}</option>)}
          </select>
        </label>
        {custom ? (
          <>
            <Field label="Base URL" issues={at('endpoints.0.baseURL')} grow>
              <input type="text" value={server.baseURL} onChange={(e) => editServer({ baseURL: e.target.value })} data-testid="form-baseURL" />
            </Field>
            <Field label="Model" issues={at('endpoints.0.model')} grow>
              <input type="text" value={server.model} onChange={(e) => editServer({ model: e.target.value })} data-testid="form-model" />
            </Field>
            <Field label="API key variable" issues={at('endpoints.0.apiKeyEnv')}>
              <input type="text" placeholder="none" value={server.apiKeyEnv} onChange={(e) => editServer({ apiKeyEnv: e.target.value })} data-testid="form-apiKeyEnv" />
            </Field>
            <Field label="Concurrency" issues={at('endpoints.0.concurrency')}>
              <input type="number" value={server.concurrency} onChange={(e) => editServer({ concurrency: e.target.value })} data-testid="form-concurrency" />
            </Field>
            <button type="button" className="button" onClick={() => void probe()} disabled={connection.busy} data-testid="form-test-connection">
              {connection.busy ? 'Testing…' : 'Test connection'}
            </button>
          </>
        ) : (
          <span className="hint" data-testid="server-hint">
            {simulatorHost
              ? 'the built-in SIMULATOR this host was started with (a test and demo tool, not a model)'
              : `the OpenAI-compatible server at ${DEFAULT_ENDPOINT.baseURL}, model ${DEFAULT_ENDPOINT.model}`}
          </span>
        )}
      </div>
      {custom && (connection.report || connection.error) && <ConnectionResult report={connection.report} error={connection.error} />}
      <details className="form-more">
        <summary>Initial prompt and memory from a past run</summary>
        <Field label="Initial system prompt P" issues={at('initialPrompt')} grow>
          <textarea rows={4} value={draft.prompt} onChange={(e) => onChange({ prompt: e.target.value })} data-testid="form-prompt" />
        </Field>
        <div className="row">
          <Field label="Start from a past run's memory" issues={at('memory')}>
            <select value={memory.fromRunId} onChange={(e) => editMemory({ fromRunId: e.target.value })} data-testid="form-memory-run">
              <option value="">none (empty notebook, seed Q)</option>
              {runs.map((run) => <option key={run.runId} value={run.runId}>{run.name} ({run.runId})</option>)}
            </select>
          </Field>
          {memory.fromRunId && (
            <>
              <Field label="as of epoch (empty = its end)" issues={[]}>
                <input type="number" value={memory.atEpoch} onChange={(e) => editMemory({ atEpoch: e.target.value })} data-testid="form-memory-epoch" />
              </Field>
              <label className="check"><input type="checkbox" checked={memory.notebook} onChange={(e) => editMemory({ notebook: e.target.checked })} /> its notebook</label>
              <label className="check"><input type="checkbox" checked={memory.optimizerInstructions} onChange={(e) => editMemory({ optimizerInstructions: e.target.checked })} /> its Q</label>
            </>
          )}
        </div>
      </details>
      {otherIssues.length > 0 && (
        <ul className="form-issues" data-testid="form-issues">
          {otherIssues.map((issue) => <li key={`${issue.path}:${issue.message}`}>{issue.path ? `${issue.path}: ` : ''}{issue.message}</li>)}
        </ul>
      )}
    </>
  );
}

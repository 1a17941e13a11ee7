import { useState, type FormEvent } from 'react';
import { METHODS, type Method } from '../../shared/api/runViews';
import { DEFAULT_ENDPOINT, ENDPOINT_KINDS, PRESETS } from '../../shared/config/runConfig';
import { useApp } from '../store/storeContext';

/** Kinds a user points a run at; the simulator is offered by the host itself (`remo web --simulator`), never here. */
const SERVER_KINDS = ENDPOINT_KINDS.filter((kind) => kind !== 'simulator');
const HOST_DEFAULT = 'default';

interface ServerFields {
  kind: string;
  baseURL: string;
  model: string;
  apiKeyEnv: string;
  concurrency: number;
}

/** The endpoint the form describes, or nothing when the host's default endpoints should be used. */
function endpointsOf(server: ServerFields): Record<string, unknown>[] | undefined {
  if (server.kind === HOST_DEFAULT) return undefined;
  return [{
    name: 'server',
    kind: server.kind,
    baseURL: server.baseURL.trim(),
    model: server.model.trim(),
    concurrency: server.concurrency,
    // The key itself never goes into a config: only the name of the variable the host reads it from.
    ...(server.apiKeyEnv.trim() ? { apiKeyEnv: server.apiKeyEnv.trim() } : {}),
  }];
}

/**
 * A small form: method, preset, epochs, name, and optionally the model server (kind, base URL,
 * model, the environment variable holding its key). Everything else takes the engine's defaults;
 * the core validates the config and its error envelope is shown as is.
 */
export function NewRunForm({ onDone }: { onDone: () => void }) {
  const startRun = useApp((s) => s.startRun);
  const simulatorHost = useApp((s) => s.info?.simulator ?? false);
  const [method, setMethod] = useState<Method>('remo');
  const [preset, setPreset] = useState<string>('textgrad-dspy');
  const [epochs, setEpochs] = useState(3);
  const [name, setName] = useState('');
  const [server, setServer] = useState<ServerFields>({ kind: HOST_DEFAULT, baseURL: DEFAULT_ENDPOINT.baseURL, model: DEFAULT_ENDPOINT.model, apiKeyEnv: '', concurrency: 32 });
  const [busy, setBusy] = useState(false);
  const edit = (patch: Partial<ServerFields>) => setServer((current) => ({ ...current, ...patch }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const config: Record<string, unknown> = { method, preset, epochs };
    if (name.trim()) config.name = name.trim();
    const endpoints = endpointsOf(server);
    if (endpoints) config.endpoints = endpoints;
    const started = await startRun(config);
    setBusy(false);
    if (started) onDone();
  }

  const custom = server.kind !== HOST_DEFAULT;
  return (
    <form className="new-run-form" onSubmit={(event) => void submit(event)} data-testid="new-run-form">
      <div className="row">
        <label>
          Method
          <select value={method} onChange={(e) => setMethod(e.target.value as Method)}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Preset
          <select value={preset} onChange={(e) => setPreset(e.target.value)}>
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Epochs
          <input type="number" min={1} max={20} value={epochs} onChange={(e) => setEpochs(Number(e.target.value))} />
        </label>
        <label className="grow">
          Name
          <input type="text" placeholder="optional" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Starting…' : 'Start'}
        </button>
      </div>
      <div className="row">
        <label>
          Model server
          <select value={server.kind} onChange={(e) => edit({ kind: e.target.value })}>
            <option value={HOST_DEFAULT}>host default</option>
            {SERVER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind}
              </option>
            ))}
          </select>
        </label>
        {custom && (
          <>
            <label className="grow">
              Base URL
              <input type="url" value={server.baseURL} onChange={(e) => edit({ baseURL: e.target.value })} />
            </label>
            <label className="grow">
              Model
              <input type="text" value={server.model} onChange={(e) => edit({ model: e.target.value })} />
            </label>
            <label>
              API key variable
              <input type="text" placeholder="none" value={server.apiKeyEnv} onChange={(e) => edit({ apiKeyEnv: e.target.value })} />
            </label>
            <label>
              Concurrency
              <input type="number" min={1} max={1024} value={server.concurrency} onChange={(e) => edit({ concurrency: Number(e.target.value) })} />
            </label>
          </>
        )}
        {!custom && (
          <span className="hint" data-testid="server-hint">
            {simulatorHost
              ? 'the built-in SIMULATOR this host was started with (not a model)'
              : `the OpenAI-compatible server at ${DEFAULT_ENDPOINT.baseURL}, model ${DEFAULT_ENDPOINT.model}`}
          </span>
        )}
      </div>
    </form>
  );
}

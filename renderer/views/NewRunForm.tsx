import { useState, type FormEvent } from 'react';
import { METHODS, type Method } from '../../shared/api/runViews';
import { useApp } from '../store/storeContext';

/** Presets from the method description (remo-method.md §5). */
const PRESETS = ['textgrad-dspy', 'paper-100', 'paper-full'] as const;

/**
 * A deliberately small form: method, preset, epochs, name. Everything else takes the engine's
 * defaults; the core validates the config and its error envelope is shown as is.
 */
export function NewRunForm({ onDone }: { onDone: () => void }) {
  const startRun = useApp((s) => s.startRun);
  const [method, setMethod] = useState<Method>('remo');
  const [preset, setPreset] = useState<string>('textgrad-dspy');
  const [epochs, setEpochs] = useState(3);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const config: Record<string, unknown> = { method, preset, epochs };
    if (name.trim()) config.name = name.trim();
    const started = await startRun(config);
    setBusy(false);
    if (started) onDone();
  }

  return (
    <form className="new-run-form" onSubmit={(event) => void submit(event)} data-testid="new-run-form">
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
    </form>
  );
}

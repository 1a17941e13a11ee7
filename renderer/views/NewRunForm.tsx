import { useMemo, useState, type FormEvent } from 'react';
import { useApp } from '../store/storeContext';
import { RunConfigFields } from './runConfig/RunConfigFields';
import { INITIAL_DRAFT, runConfigOf, type RunConfigDraft } from './runConfig/runConfigDraft';
import { useConfigCheck } from './runConfig/useConfigCheck';

/**
 * The new-run form. Every change is checked by the core (runs.validateConfig: the same rules as
 * starting a run, nothing written) and each problem is shown next to its field in plain words;
 * Start stays off until the config is valid. "Test connection" probes the described server.
 */
export function NewRunForm({ onDone }: { onDone: () => void }) {
  const startRun = useApp((s) => s.startRun);
  const [draft, setDraft] = useState<RunConfigDraft>(INITIAL_DRAFT);
  const [busy, setBusy] = useState(false);
  const config = useMemo(() => runConfigOf(draft), [draft]);
  const check = useConfigCheck(config);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!check?.ok) return;
    setBusy(true);
    const started = await startRun(config);
    setBusy(false);
    if (started) onDone();
  }

  return (
    <form className="new-run-form" onSubmit={(event) => void submit(event)} data-testid="new-run-form" noValidate>
      <RunConfigFields
        draft={draft}
        onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))}
        check={check}
        single
        actions={(
          <button type="submit" className="button primary" disabled={busy || !check?.ok} data-testid="form-start" title={check?.ok ? undefined : 'Fix the problems shown first'}>
            {busy ? 'Starting…' : 'Start'}
          </button>
        )}
      />
    </form>
  );
}

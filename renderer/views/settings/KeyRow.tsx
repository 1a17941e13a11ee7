import { useState, type FormEvent } from 'react';
import { API_KEY_MAX } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useApp } from '../../store/storeContext';

/**
 * One endpoint's key: set, replace or delete. Write-only: the field starts empty every time and is
 * cleared once the key is stored; the host answers only "stored". `endpoint` null makes the name
 * editable (a key for an endpoint no run has used yet).
 */
export function KeyRow({ endpoint, stored, canStore }: { endpoint: string | null; stored: boolean; canStore: boolean }) {
  const saveKey = useApp((s) => s.saveKey);
  const deleteKey = useApp((s) => s.deleteKey);
  const [name, setName] = useState(endpoint ?? '');
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const target = (endpoint ?? name).trim();

  async function act(run: () => Promise<ApiError | null>) {
    setBusy(true);
    const failure = await run();
    setBusy(false);
    setError(failure);
    if (!failure) {
      setKey('');
      if (endpoint === null) setName('');
    }
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    // Pasted keys often carry a trailing newline or spaces; no real key contains whitespace.
    const value = key.trim();
    if (target && value) void act(() => saveKey(target, value));
  }

  return (
    <form className="key-row" onSubmit={submit} data-testid="key-row" data-endpoint={endpoint ?? ''}>
      {endpoint === null ? (
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="other endpoint name" maxLength={200} aria-label="Endpoint name" data-testid="key-endpoint-name" />
      ) : (
        <span className="mono key-endpoint">{endpoint}</span>
      )}
      <span className={stored ? 'key-state key-stored' : 'key-state muted'} data-testid="key-state">{stored ? 'stored' : 'not set'}</span>
      <input
        type="password"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        placeholder={stored ? 'paste a new key to replace it' : 'paste a key'}
        maxLength={API_KEY_MAX}
        autoComplete="off"
        spellCheck={false}
        disabled={!canStore}
        aria-label={`API key for ${target || 'the endpoint'}`}
        data-testid="key-input"
      />
      <button type="submit" className="button" disabled={busy || !canStore || !target || key.trim() === ''} data-testid="key-save">
        {stored ? 'Replace' : 'Save'}
      </button>
      {stored && (
        <button type="button" className="button" disabled={busy} onClick={() => void act(() => deleteKey(target))} data-testid="key-delete">
          Delete
        </button>
      )}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </form>
  );
}

import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useApp } from '../../store/storeContext';
import { KeyRow } from './KeyRow';

/**
 * Settings: API keys per endpoint name. In the desktop app keys are encrypted by the OS and kept
 * by the app (never in the database, logs or exports); a run uses the key of its endpoint's name
 * when the endpoint's apiKeyEnv variable is not set. The browser build has no key store: the host
 * says so (`unavailable`) and the page shows that message instead of the form.
 */
export function ApiKeysDialog({ onClose }: { onClose: () => void }) {
  const status = useApp((s) => s.keysStatus);
  const error = useApp((s) => s.keysError);
  const endpoints = useApp((s) => s.keyEndpoints);
  const loadKeys = useApp((s) => s.loadKeys);
  const [loading, setLoading] = useState(true);
  useEffect(() => {
    void loadKeys().finally(() => setLoading(false));
  }, [loadKeys]);
  const stored = new Set(status?.stored ?? []);
  const canStore = status?.available ?? false;

  return (
    <Dialog title="Settings: API keys" onClose={onClose} testId="settings-dialog">
      <div className="keys-panel">
        <p className="muted small">
          A key is used for every call to the endpoint of that name, unless the variable named in its <code>apiKeyEnv</code> is set.
          Keys are encrypted by the operating system and never shown again, nor written to the database, logs or exports.
        </p>
        {loading && !status && !error && <p className="muted">Reading the key store…</p>}
        {error && (
          <p className={error.code === 'unavailable' ? 'keys-note' : 'error-message'} data-testid="keys-unavailable">
            {error.message}
          </p>
        )}
        {status && !status.available && (
          <p className="error-message small" data-testid="keys-no-store">Keys cannot be stored on this computer: {status.reason}</p>
        )}
        {status && (
          <div className="keys-list" data-testid="keys-list">
            {endpoints.map((endpoint) => (
              <KeyRow key={endpoint} endpoint={endpoint} stored={stored.has(endpoint)} canStore={canStore} />
            ))}
            {canStore && <KeyRow endpoint={null} stored={false} canStore />}
          </div>
        )}
      </div>
    </Dialog>
  );
}

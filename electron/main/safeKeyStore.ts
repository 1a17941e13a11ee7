import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';

/**
 * API keys, encrypted with Electron's safeStorage (macOS Keychain, Windows DPAPI, libsecret /
 * kwallet on Linux) and kept as base64 blobs in one JSON file in userData. Keys never touch the
 * database, the event log or any log line; the core worker receives a decrypted copy in memory
 * only (CoreWorker.setKeys), never the file.
 *
 * On Linux without a keyring, safeStorage falls back to a hard-coded password ('basic_text'):
 * that is obfuscation, not encryption, so we refuse to store keys there and say why; the user can
 * still pass keys through environment variables (apiKeyEnv).
 */
export interface SafeKeyStore {
  /** Whether keys can be stored here (real OS-backed encryption available). */
  available(): { ok: true } | { ok: false; reason: string };
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  delete(name: string): void;
  names(): string[];
  /** Every key that decrypts, by endpoint name: what the core worker is sent. */
  all(): Record<string, string>;
}

type Blobs = Record<string, string>;

/** Prototype-free maps: an endpoint may be named "__proto__" and must stay a plain entry. */
const emptyMap = (): Record<string, string> => Object.create(null) as Record<string, string>;

export function createSafeKeyStore(file: string): SafeKeyStore {
  function read(): Blobs {
    if (!existsSync(file)) return emptyMap();
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return emptyMap();
      // A damaged or hand-edited file: keep only name -> base64 string entries, drop the rest.
      const blobs: Blobs = emptyMap();
      for (const [name, blob] of Object.entries(parsed)) if (typeof blob === 'string' && blob.length > 0) blobs[name] = blob;
      return blobs;
    } catch {
      return emptyMap();
    }
  }
  function write(blobs: Blobs): void {
    // Write then rename: a crash mid-write never leaves a half file. A stale temp file from such a
    // crash is removed first, because writeFileSync's mode applies only to a file it creates.
    const tmp = `${file}.tmp`;
    rmSync(tmp, { force: true });
    writeFileSync(tmp, JSON.stringify(blobs), { mode: 0o600 });
    renameSync(tmp, file);
    chmodSync(file, 0o600);
  }
  function available(): { ok: true } | { ok: false; reason: string } {
    if (!safeStorage.isEncryptionAvailable()) return { ok: false, reason: 'OS encryption (safeStorage) is not available' };
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return { ok: false, reason: 'no keyring found (gnome-keyring or kwallet); use an environment variable for the key instead' };
    }
    return { ok: true };
  }
  function decrypt(blob: string | undefined): string | undefined {
    if (!blob || !safeStorage.isEncryptionAvailable()) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(blob, 'base64'));
    } catch {
      return undefined; // encrypted under another OS account or keyring: treat as absent
    }
  }
  return {
    available,
    get: (name) => decrypt(read()[name]),
    set(name, value) {
      const status = available();
      if (!status.ok) throw Object.assign(new Error(`cannot store the API key securely: ${status.reason}`), { code: 'unavailable' });
      const blobs = read();
      blobs[name] = safeStorage.encryptString(value).toString('base64');
      write(blobs);
    },
    delete(name) {
      const blobs = read();
      if (!(name in blobs)) return;
      delete blobs[name];
      write(blobs);
    },
    names: () => Object.keys(read()).sort(),
    all() {
      const keys = emptyMap();
      for (const [name, blob] of Object.entries(read())) {
        const key = decrypt(blob);
        if (key !== undefined) keys[name] = key;
      }
      return keys;
    },
  };
}

import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

/**
 * The desktop app's API key store with Electron's safeStorage faked (no binary here). The fake
 * cipher is reversible but not the identity, so the tests can check that the clear text never
 * reaches the file.
 */
const fake = vi.hoisted(() => ({ backend: 'gnome_libsecret', encryptionAvailable: true, failDecrypt: false }));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.encryptionAvailable,
    getSelectedStorageBackend: () => fake.backend,
    encryptString: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('base64').split('').reverse().join('')}`),
    decryptString: (blob: Buffer) => {
      if (fake.failDecrypt) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(blob.toString().slice(4).split('').reverse().join(''), 'base64').toString();
    },
  },
}));

const { createSafeKeyStore } = await import('../../../electron/main/safeKeyStore');

const keyFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'remo-keys-')), 'api-keys.json');

afterEach(() => {
  fake.backend = 'gnome_libsecret';
  fake.encryptionAvailable = true;
  fake.failDecrypt = false;
});

describe('safeStorage key store', () => {
  it('encrypts on set and decrypts on get; the file never holds a key in clear text', () => {
    const file = keyFile();
    const keys = createSafeKeyStore(file);
    keys.set('dashscope', 'sk-secret-123');
    keys.set('local', 'sk-other-456');
    expect(keys.get('dashscope')).toBe('sk-secret-123');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('sk-secret-123');
    expect(text).not.toContain('sk-other-456');
    expect(keys.names()).toEqual(['dashscope', 'local']);
    expect(keys.all()).toEqual({ dashscope: 'sk-secret-123', local: 'sk-other-456' });
    keys.set('dashscope', 'sk-replaced');
    expect(createSafeKeyStore(file).get('dashscope')).toBe('sk-replaced');
    keys.delete('dashscope');
    expect(keys.get('dashscope')).toBeUndefined();
    expect(keys.names()).toEqual(['local']);
  });

  it('writes atomically (no temp file left) with mode 0600', () => {
    const file = keyFile();
    // A stale temp file from a crash, world-readable: it must not lend its mode to the new file.
    writeFileSync(`${file}.tmp`, 'stale', { mode: 0o644 });
    createSafeKeyStore(file).set('default', 'sk-abc');
    expect(existsSync(`${file}.tmp`)).toBe(false);
    if (process.platform === 'win32') {
      console.log('[keys] POSIX file modes do not apply on Windows: mode check skipped');
      return;
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to store keys on Linux without a keyring (basic_text is not encryption)', () => {
    if (process.platform !== 'linux') {
      console.log('[keys] the basic_text fallback exists only on Linux: case not applicable here');
      return;
    }
    fake.backend = 'basic_text';
    const file = keyFile();
    const keys = createSafeKeyStore(file);
    expect(keys.available()).toMatchObject({ ok: false, reason: expect.stringMatching(/keyring/) });
    expect(() => keys.set('x', 'y')).toThrow(/keyring/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to store keys when OS encryption is unavailable, with code unavailable', () => {
    fake.encryptionAvailable = false;
    const keys = createSafeKeyStore(keyFile());
    expect(keys.available()).toMatchObject({ ok: false });
    expect(() => keys.set('x', 'y')).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });

  it('reads a corrupt, foreign or hand-edited file as empty, keeping only well-formed entries', () => {
    for (const content of ['{not json', '[]', 'null', '"text"', '42', '']) {
      const file = keyFile();
      writeFileSync(file, content);
      const keys = createSafeKeyStore(file);
      expect(keys.names(), content).toEqual([]);
      expect(keys.all(), content).toEqual({});
    }
    const file = keyFile();
    const good = createSafeKeyStore(file);
    good.set('default', 'sk-abc');
    const blobs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...blobs, broken: 7, empty: '' }));
    const keys = createSafeKeyStore(file);
    expect(keys.names()).toEqual(['default']);
    expect(keys.all()).toEqual({ default: 'sk-abc' });
  });

  it('treats a key that no longer decrypts (another OS account or keyring) as absent', () => {
    const file = keyFile();
    const keys = createSafeKeyStore(file);
    keys.set('default', 'sk-abc');
    fake.failDecrypt = true;
    expect(keys.get('default')).toBeUndefined();
    expect(keys.all()).toEqual({});
    expect(keys.names()).toEqual(['default']);
  });

  it('keeps an endpoint named __proto__ as a plain entry', () => {
    const keys = createSafeKeyStore(keyFile());
    keys.set('__proto__', 'sk-proto');
    expect(keys.names()).toEqual(['__proto__']);
    expect(keys.get('__proto__')).toBe('sk-proto');
    expect(Object.keys(keys.all())).toEqual(['__proto__']);
  });
});

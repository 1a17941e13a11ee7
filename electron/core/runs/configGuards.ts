/**
 * A config (or fork override) that carries a literal API key is refused before anything is
 * written: keys come from the environment (`apiKeyEnv`) or the OS keychain, never from a file or
 * the event log, which is exported and shared.
 */
export class InlineApiKeyError extends Error {
  override name = 'InlineApiKeyError';
  /** Matches the API envelope's error codes (shared/api/result.ts). */
  readonly code = 'bad-request';
  constructor(readonly field: string) {
    super(
      `${field}: API keys are not accepted in a config. Put the key in an environment variable and name it with "apiKeyEnv" (for example "apiKeyEnv": "OPENAI_API_KEY"), or store it in the app's keychain.`,
    );
  }
}

/** Throws InlineApiKeyError when any object inside `value` has an `apiKey` key. */
export function rejectInlineApiKeys(value: unknown, path = 'config'): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => rejectInlineApiKeys(item, `${path}[${index}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    // Dotted fork overrides ("endpoints.0.apiKey") count too.
    const lastSegment = key.split('.').pop();
    if (key === 'apiKey' || lastSegment === 'apiKey') throw new InlineApiKeyError(`${path}.${key}`);
    rejectInlineApiKeys(child, `${path}.${key}`);
  }
}

import type { RunConfig } from '../../../shared/config/runConfig';
import { parseRunConfig } from '../engine/parseRunConfig';
import { rejectInlineApiKeys } from './configGuards';

/**
 * Checks a run config without touching any database: no inline API key, then the engine's schema
 * (every default filled). Throws InlineApiKeyError or RunConfigError, both naming the field.
 * `remo run` calls it before opening the database, so a bad config leaves no trace.
 */
export function validateRunConfig(json: unknown): RunConfig {
  rejectInlineApiKeys(json);
  return parseRunConfig(json);
}

/**
 * Zod's issue wording ("Too small: expected string to have >=1 characters") turned into a sentence
 * that names the field, for the new-run form and the CLI. Pure; shared by the core and the UI.
 */

/** A minimal view of a zod issue (v4): code, path and the fields the common codes carry. */
export interface ZodLikeIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  values?: readonly unknown[];
  keys?: readonly string[];
  format?: string;
}

const FIELD_WORDS: Record<string, string> = {
  baseURL: 'base URL', apiKeyEnv: 'API key variable', timeoutMs: 'timeout (ms)', batchSize: 'batch size',
  stepsPerEpoch: 'steps per epoch', retrievalK: 'retrieval k', maxCalls: 'call budget', maxTokens: 'token budget',
  initialPrompt: 'initial prompt', maxPhaseAttempts: 'phase attempts', maxUpdateRetries: 'update retries',
};

/** "model of endpoint 1", "epochs", "temperature of the critic role". */
export function describeConfigPath(path: readonly PropertyKey[]): string {
  const segments = path.map(String);
  if (segments.length === 0) return 'the config';
  const last = segments[segments.length - 1]!;
  const word = FIELD_WORDS[last] ?? last;
  if (segments[0] === 'endpoints' && segments.length >= 2 && /^\d+$/.test(segments[1]!)) {
    const which = `endpoint ${Number(segments[1]) + 1}`;
    return segments.length === 2 ? which : `${word} of ${which}`;
  }
  if (segments[0] === 'roles' && segments.length >= 3) return `${word} of the ${segments[1]} role`;
  if (segments.length >= 2 && /^\d+$/.test(last)) return `${segments[segments.length - 2]} item ${Number(last) + 1}`;
  return word;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** One sentence for one issue, starting with the field it is about. */
export function plainConfigIssue(issue: ZodLikeIssue): string {
  const field = describeConfigPath(issue.path);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `${field} must not be empty` : `${field} must have at least ${min} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} needs at least ${min} ${min === 1 ? 'entry' : 'entries'}`;
      return issue.inclusive === false ? `${field} must be greater than ${min}` : `${field} must be at least ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${field} must have at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${field} may have at most ${max} entries`;
      return issue.inclusive === false ? `${field} must be less than ${max}` : `${field} must be at most ${max}`;
    }
    case 'invalid_type': {
      if (/received undefined/.test(issue.message)) return `${field} is required`;
      if (issue.expected === 'int') return `${field} must be a whole number`;
      return `${field} must be ${article(issue.expected ?? 'value of another kind')}`;
    }
    case 'invalid_value':
      return issue.values && issue.values.length > 0
        ? `${field} must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`
        : `${field} has a value that is not allowed`;
    case 'invalid_format':
      return issue.format === 'url' ? `${field} must be a URL such as http://127.0.0.1:8000/v1` : `${field} is not in the expected format (${issue.format ?? 'format'})`;
    case 'unrecognized_keys':
      return `${field === 'the config' ? 'the config' : field} has unknown field${(issue.keys?.length ?? 0) === 1 ? '' : 's'}: ${(issue.keys ?? []).join(', ')}`;
    case 'invalid_union':
      return `${field} is not valid (${issue.message})`;
    default:
      return `${field}: ${issue.message}`;
  }
}

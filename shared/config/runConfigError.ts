/** One problem in a run config, with the dotted path of the field it concerns. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** A rejected run config. The message names every offending field, e.g. `batchSize: must be >= 1`. */
export class RunConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`invalid run config: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'RunConfigError';
    this.issues = issues;
  }
}

/** What every scorer returns for one response. */
export interface ScoreResult {
  correct: boolean;
  /** The answer the parser found, normalised (null when it found none). */
  predicted: string | null;
  gold: string;
  /** Why it was scored so, when that is not obvious (no answer found, fallback used, ...). */
  reason?: string;
}

/** A pure scoring function: the model's raw response (thinking included or not) against the gold answer. */
export type Scorer = (response: string, gold: string) => ScoreResult;

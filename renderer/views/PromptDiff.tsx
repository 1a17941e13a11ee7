import { useMemo } from 'react';
import { diffStats, promptDiffSpans } from '../diff/promptDiffSpans';

/** Word diff between two prompt versions, as text spans (never HTML). */
export function PromptDiff({ before, after }: { before: string; after: string }) {
  const spans = useMemo(() => promptDiffSpans(before, after), [before, after]);
  const stats = diffStats(spans);
  return (
    <div className="prompt-diff" data-testid="prompt-diff">
      <div className="muted small">
        <span className="diff-added-count">+{stats.added}</span> <span className="diff-removed-count">−{stats.removed}</span> words
      </div>
      <pre className="prompt-text">
        {spans.map((span, i) =>
          span.kind === 'same' ? (
            <span key={i}>{span.text}</span>
          ) : span.kind === 'added' ? (
            <ins key={i}>{span.text}</ins>
          ) : (
            <del key={i}>{span.text}</del>
          ),
        )}
      </pre>
    </div>
  );
}

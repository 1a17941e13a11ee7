import { useMemo } from 'react';
import { diffStats, promptDiffSpans, type DiffSpan } from '../../diff/promptDiffSpans';

export type DiffLayout = 'inline' | 'split';

/** Word diff between two texts, as text spans (never HTML): inline, or before | after side by side. */
export function PromptDiff({ before, after, layout, beforeLabel, afterLabel }: { before: string; after: string; layout: DiffLayout; beforeLabel: string; afterLabel: string }) {
  const spans = useMemo(() => promptDiffSpans(before, after), [before, after]);
  const stats = diffStats(spans);
  const same = before === after;
  return (
    <div className="prompt-diff" data-testid="prompt-diff" data-layout={layout}>
      <div className="muted small diff-head">
        {beforeLabel} → {afterLabel}:{' '}
        {same ? (
          <span data-testid="diff-identical">identical text</span>
        ) : (
          <>
            <span className="diff-added-count">+{stats.added}</span> <span className="diff-removed-count">−{stats.removed}</span> words
          </>
        )}
      </div>
      {layout === 'inline' ? (
        <pre className="prompt-text">{renderSpans(spans, ['same', 'added', 'removed'])}</pre>
      ) : (
        <div className="diff-split">
          <pre className="prompt-text" aria-label={beforeLabel}>{renderSpans(spans, ['same', 'removed'])}</pre>
          <pre className="prompt-text" aria-label={afterLabel}>{renderSpans(spans, ['same', 'added'])}</pre>
        </div>
      )}
    </div>
  );
}

function renderSpans(spans: readonly DiffSpan[], kinds: readonly DiffSpan['kind'][]) {
  return spans
    .map((span, i) => ({ span, i }))
    .filter(({ span }) => kinds.includes(span.kind))
    .map(({ span, i }) => (span.kind === 'same' ? <span key={i}>{span.text}</span> : span.kind === 'added' ? <ins key={i}>{span.text}</ins> : <del key={i}>{span.text}</del>));
}

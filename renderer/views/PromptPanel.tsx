import { useState } from 'react';
import { useApp } from '../store/storeContext';
import { PromptDiff } from './PromptDiff';

/** P at the selected point, its diff against the previous version, and Q. All plain text. */
export function PromptPanel() {
  const state = useApp((s) => s.pointState);
  const previous = useApp((s) => s.previousPrompt);
  const [view, setView] = useState<'text' | 'diff'>('text');
  if (!state) return null;
  const showDiff = view === 'diff' && previous !== null;

  return (
    <section className="panel prompt-panel" aria-label="Prompt">
      <header className="panel-header">
        <h3>
          System prompt P <span className="muted">v{state.prompt.version}</span>
        </h3>
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={!showDiff} className={!showDiff ? 'tab active' : 'tab'} onClick={() => setView('text')}>
            Text
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={showDiff}
            className={showDiff ? 'tab active' : 'tab'}
            onClick={() => setView('diff')}
            disabled={previous === null}
            title={previous === null ? 'The seed prompt has no earlier version' : undefined}
            data-testid="diff-tab"
          >
            {previous ? `Diff vs v${previous.version}` : 'Diff'}
          </button>
        </div>
      </header>
      {showDiff ? (
        <PromptDiff before={previous.text} after={state.prompt.text} />
      ) : (
        <pre className="prompt-text" data-testid="prompt-text">
          {state.prompt.text}
        </pre>
      )}
      <h3>
        Optimizer instructions Q <span className="muted">v{state.optimizerInstructions.version}</span>
      </h3>
      <pre className="prompt-text q-text" data-testid="optimizer-text">
        {state.optimizerInstructions.text || '(none)'}
      </pre>
    </section>
  );
}

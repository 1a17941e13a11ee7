import { useState } from 'react';
import type { VersionView } from '../../../shared/api/timelineViews';
import { formatPercent } from '../../format/formatters';
import { useApp } from '../../store/storeContext';
import { PromptDiff, type DiffLayout } from './PromptDiff';
import { currentVersionRow, findVersionRow } from './versionRows';

type Compare = 'text' | 'previous' | 'seed' | 'pinned';

const NAMES = { prompt: 'System prompt P', optimizer: 'Optimizer instructions Q' } as const;
const TEST_IDS = { prompt: 'prompt', optimizer: 'optimizer' } as const;

/**
 * P or Q as it was at the cursor, with the version history of the run up to there and a word diff
 * against the previous version, the seed, or the pinned point. A new version whose text did not
 * change says so instead of showing an empty diff.
 */
export function VersionedText({ kind }: { kind: 'prompt' | 'optimizer' }) {
  const state = useApp((s) => s.pointState);
  const versions = useApp((s) => s.versions);
  const pinned = useApp((s) => s.pinned);
  const scrubToPosition = useApp((s) => s.scrubToPosition);
  const loadProvenance = useApp((s) => s.loadProvenance);
  const [compare, setCompare] = useState<Compare>('text');
  const [layout, setLayout] = useState<DiffLayout>('inline');
  if (!state) return null;

  const current = kind === 'prompt' ? state.prompt : state.optimizerInstructions;
  const mine = (versions ?? []).filter((v) => v.kind === kind);
  const row = currentVersionRow(mine, current.version, state.position);
  const previous = row?.parentVersion != null ? findVersionRow(mine, row.parentVersion, row.position) : undefined;
  const seed = mine[0];
  const pinnedText = pinned ? (kind === 'prompt' ? pinned.state.prompt : pinned.state.optimizerInstructions) : null;
  const history = mine.filter((v) => v.position <= state.position);

  const base: { text: string; label: string } | null =
    compare === 'previous' && previous ? { text: previous.text, label: `v${previous.version}` }
    : compare === 'seed' && seed ? { text: seed.text, label: `seed v${seed.version ?? 0}` }
    : compare === 'pinned' && pinnedText ? { text: pinnedText.text, label: `pinned (v${pinnedText.version} @ ${pinned!.position})` }
    : null;
  const id = TEST_IDS[kind];

  return (
    <section className="versioned" aria-label={NAMES[kind]} data-testid={`${id}-panel`}>
      <header className="panel-header">
        <h3>
          {NAMES[kind]} <span className="muted" data-testid={`${id}-version`}>v{current.version}</span>
        </h3>
        <div className="tabs" role="tablist" aria-label={`${NAMES[kind]}: show`}>
          <Tab active={compare === 'text'} onClick={() => setCompare('text')} testId={`${id}-tab-text`}>Text</Tab>
          <Tab active={compare === 'previous'} onClick={() => setCompare('previous')} disabled={!previous} title={previous ? undefined : 'The first version has no earlier one'} testId={`${id}-tab-previous`}>
            {previous ? `Diff vs v${previous.version}` : 'Diff vs previous'}
          </Tab>
          <Tab active={compare === 'seed'} onClick={() => setCompare('seed')} disabled={!seed} testId={`${id}-tab-seed`}>vs seed</Tab>
          <Tab active={compare === 'pinned'} onClick={() => setCompare('pinned')} disabled={!pinnedText} title={pinnedText ? undefined : 'Pin a point first (the pin button above the panels)'} testId={`${id}-tab-pinned`}>vs pinned</Tab>
        </div>
        {base && (
          <button type="button" className="tab" onClick={() => setLayout(layout === 'inline' ? 'split' : 'inline')} data-testid={`${id}-layout`}>
            {layout === 'inline' ? 'Side by side' : 'Inline'}
          </button>
        )}
      </header>
      {row && (
        <div className="version-facts muted small" data-testid={`${id}-facts`}>
          {describeRow(row)}
          {row.unchanged && (
            <strong className="unchanged" data-testid={`${id}-unchanged`}>
              {' '}· same text as v{row.parentVersion}: the {kind === 'prompt' ? 'optimizer' : 'meta-controller'} returned it unchanged
            </strong>
          )}
          {row.epoch !== null && (
            <button type="button" className="link" onClick={() => void loadProvenance(kind, row.position)} data-testid={`${id}-why`}>
              why this version?
            </button>
          )}
        </div>
      )}
      {base ? (
        <PromptDiff before={base.text} after={current.text} layout={layout} beforeLabel={base.label} afterLabel={`v${current.version}`} />
      ) : (
        <pre className={`prompt-text${kind === 'optimizer' ? ' q-text' : ''}`} data-testid={kind === 'prompt' ? 'prompt-text' : 'optimizer-text'}>
          {current.text || '(none)'}
        </pre>
      )}
      {history.length > 1 && (
        <div className="version-chips" aria-label={`${NAMES[kind]} history`}>
          {history.map((v) => (
            <button
              key={`${v.position}`}
              type="button"
              className={`chip status-${v.status}${v.version === current.version && v === row ? ' current' : ''}`}
              onClick={() => scrubToPosition(v.position, 'version')}
              title={describeRow(v)}
              data-testid={`${id}-chip`}
            >
              {v.version === null ? `✕ ${v.status}` : `v${v.version}`}
              {v.unchanged ? ' =' : ''}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}

function Tab({ active, onClick, disabled, title, testId, children }: { active: boolean; onClick: () => void; disabled?: boolean; title?: string | undefined; testId: string; children: React.ReactNode }) {
  return (
    <button type="button" role="tab" aria-selected={active} className={active ? 'tab active' : 'tab'} onClick={onClick} disabled={disabled} title={title} data-testid={testId}>
      {children}
    </button>
  );
}

function describeRow(row: VersionView): string {
  const where = row.epoch === null ? 'at the start' : `epoch ${row.epoch}${row.step === null ? '' : `, step ${row.step}`}`;
  const gate = row.val !== null ? ` · val ${formatPercent(row.val)}${row.previousVal !== null ? ` vs ${formatPercent(row.previousVal)}` : ''}` : '';
  const reason = row.reason ? ` · ${row.reason}` : '';
  return `${row.status} ${where}${gate}${reason} · position ${row.position}`;
}

import { useState } from 'react';
import type { ComparePair, FlippedItem } from '../../../shared/api/compareViews';
import { formatP } from '../../format/formatters';
import { useApp } from '../../store/storeContext';

/** p-value in words a researcher can act on: is the difference between two runs real? */
function verdict(p: number): string {
  if (p < 0.01) return 'very unlikely to be chance (p < 0.01)';
  if (p < 0.05) return 'unlikely to be chance (p < 0.05)';
  return 'consistent with chance: these runs are not shown to differ';
}

/** One pair of runs scored on the same test items: McNemar's exact test and the items that flipped. */
export function PairCard({ pair, names }: { pair: ComparePair; names: Record<string, string> }) {
  const [open, setOpen] = useState(false);
  const selectRun = useApp((s) => s.selectRun);
  const close = useApp((s) => s.closeCompare);
  const openItem = (runId: string, position: number | null) => {
    close();
    void selectRun(runId, position ?? undefined);
  };
  const nameOf = (runId: string) => names[runId] ?? runId;
  return (
    <div className="pair" data-testid="pair" data-a={pair.a} data-b={pair.b}>
      <div>
        <strong>{nameOf(pair.a)}</strong> → <strong>{nameOf(pair.b)}</strong> on {pair.sharedItems} shared test items:{' '}
        <span className="right" data-testid="pair-w2r">{pair.wrongToRight} wrong → right</span>,{' '}
        <span className="wrong" data-testid="pair-r2w">{pair.rightToWrong} right → wrong</span>; exact McNemar{' '}
        <strong data-testid="pair-p">p = {formatP(pair.mcnemarP)}</strong> — {verdict(pair.mcnemarP)}.
        {pair.flipped.length > 0 && (
          <button type="button" className="link" onClick={() => setOpen(!open)} data-testid="pair-toggle">
            {open ? ' hide' : ` show the ${pair.flipped.length} flipped items`}
          </button>
        )}
      </div>
      {open && (
        <table className="flipped" data-testid="flipped">
          <thead><tr><th>item</th><th>question</th><th>gold</th><th>{nameOf(pair.a)}</th><th>{nameOf(pair.b)}</th></tr></thead>
          <tbody>
            {pair.flipped.map((item) => (
              <FlippedRow key={item.itemId} item={item} onOpenA={() => openItem(pair.a, item.a.position)} onOpenB={() => openItem(pair.b, item.b.position)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function FlippedRow({ item, onOpenA, onOpenB }: { item: FlippedItem; onOpenA: () => void; onOpenB: () => void }) {
  const answer = (side: FlippedItem['a'], onOpen: () => void, testId: string) => (
    <td>
      <button type="button" className={`link ${side.correct ? 'right' : 'wrong'}`} onClick={onOpen} title="open this answer in the run view" data-testid={testId}>
        {side.correct ? '✓' : '✗'} {side.predicted ?? '(none)'}
      </button>
    </td>
  );
  return (
    <tr data-testid="flipped-item">
      <td className="mono">{item.itemId}</td>
      <td className="question-cell" title={item.question ?? ''}>{item.question ?? ''}</td>
      <td>{item.gold ?? ''}</td>
      {answer(item.a, onOpenA, 'flipped-a')}
      {answer(item.b, onOpenB, 'flipped-b')}
    </tr>
  );
}

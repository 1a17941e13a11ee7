import type { PooledPairedTest } from '../../../shared/api/experimentViews';
import { formatP } from '../../format/formatters';

/**
 * Every pair of rows compared on their test items, paired by seed and pooled: per seed the two
 * runs' final tests are matched item by item; the discordant counts are summed over seeds and
 * tested with the exact McNemar test.
 */
export function PairedTestsTable({ comparisons }: { comparisons: readonly PooledPairedTest[] }) {
  return (
    <section className="panel" aria-label="Paired tests" data-testid="experiment-pairs">
      <header className="panel-header">
        <h3>Paired tests</h3>
        <span className="muted small">
          a → b on the test items both were scored on, per seed, summed over seeds; exact McNemar test on the summed flips (p &lt; 0.05: unlikely to be chance).
        </span>
      </header>
      {comparisons.length === 0 ? <p className="muted small">One row only: nothing to compare.</p> : (
        <div className="table-wrap">
          <table className="pairs-table" data-testid="pairs-table">
            <thead>
              <tr>
                <th scope="col">a → b</th><th scope="col" className="num">seeds</th><th scope="col" className="num" title="test items both rows were scored on, summed over seeds">shared items</th>
                <th scope="col" className="num" title="items a got wrong and b right">wrong → right</th>
                <th scope="col" className="num" title="items a got right and b wrong">right → wrong</th>
                <th scope="col" className="num">McNemar p</th>
              </tr>
            </thead>
            <tbody>
              {comparisons.map((pair) => (
                <tr key={`${pair.a}|${pair.b}`} data-testid="pair-row" data-a={pair.a} data-b={pair.b}>
                  <td>{pair.a} <span className="muted">→</span> {pair.b}</td>
                  <td className="num" data-testid="pair-seeds">{pair.seeds}</td>
                  <td className="num" data-testid="pair-shared">{pair.sharedItems}</td>
                  <td className="num right" data-testid="pair-w2r">{pair.wrongToRight}</td>
                  <td className="num wrong" data-testid="pair-r2w">{pair.rightToWrong}</td>
                  <td className={`num${pair.mcnemarP !== null && pair.mcnemarP < 0.05 ? ' significant' : ''}`} data-testid="pair-p" title={pair.mcnemarP === null ? "no seed has both rows' final test yet" : undefined}>
                    {pair.mcnemarP === null ? '–' : formatP(pair.mcnemarP)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

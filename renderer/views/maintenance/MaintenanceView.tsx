import { useState, type ChangeEvent } from 'react';
import type { RebuildReport, RunImportResult, VerifyReport } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { ErrorMessage } from '../../components/ErrorMessage';
import { readPickedFile } from '../../files/readPickedFile';
import { useApp } from '../../store/storeContext';

/** Exact counts here: a maintenance report is checked against the CLI's, digit for digit. */
const exact = (value: number) => value.toLocaleString('en-US');

type Outcome<T> = { state: 'idle' } | { state: 'busy' } | { state: 'done'; value: T } | { state: 'failed'; error: ApiError };

/** Runs one contract call and keeps its outcome for display. */
function useOutcome<T>(): [Outcome<T>, (call: () => Promise<ApiResult<T>>) => Promise<void>] {
  const [outcome, setOutcome] = useState<Outcome<T>>({ state: 'idle' });
  const run = async (call: () => Promise<ApiResult<T>>) => {
    setOutcome({ state: 'busy' });
    const result = await call();
    setOutcome(result.ok ? { state: 'done', value: result.value } : { state: 'failed', error: result.error });
  };
  return [outcome, run];
}

/**
 * Database care, the same operations as `remo verify`, `remo rebuild` and `remo import`: check the
 * log's hash chain, replay every projection, and add runs from an export file.
 */
export function MaintenanceView() {
  const dbPath = useApp((s) => s.info?.dbPath ?? '');
  const verifyStore = useApp((s) => s.verifyStore);
  const rebuildStore = useApp((s) => s.rebuildStore);
  const importRuns = useApp((s) => s.importRuns);
  const selectRun = useApp((s) => s.selectRun);
  const showPage = useApp((s) => s.showPage);
  const [verified, verify] = useOutcome<VerifyReport>();
  const [rebuilt, rebuild] = useOutcome<RebuildReport>();
  const [imported, runImport] = useOutcome<RunImportResult>();
  const [confirmRebuild, setConfirmRebuild] = useState(false);

  async function pickExport(event: ChangeEvent<HTMLInputElement>) {
    const picked = event.target.files?.[0];
    event.target.value = '';
    if (!picked) return;
    const read = await readPickedFile(picked);
    await runImport(async () => (read.ok ? importRuns(read.text) : { ok: false, error: { code: 'bad-request', message: read.message } }));
  }

  return (
    <div className="page" data-testid="maintenance-view">
      <section className="panel">
        <header className="panel-header">
          <h2>Check the log</h2>
          <button type="button" className="button" disabled={verified.state === 'busy'} onClick={() => void verify(verifyStore)} data-testid="verify">
            {verified.state === 'busy' ? 'Checking…' : 'Verify'}
          </button>
        </header>
        <p className="muted">Walks the hash chain of every event in <code>{dbPath}</code>, checks that the log cannot be edited and that its end matches the recorded head, and compares the projections with a rebuild from the log. Writes nothing.</p>
        {verified.state === 'failed' && <ErrorMessage error={verified.error} />}
        {verified.state === 'done' && (
          <dl className="report" data-testid="verify-report">
            <dt>result</dt>
            <dd className={verified.value.ok ? 'right' : 'wrong'}>{verified.value.ok ? 'intact' : verified.value.projections ? 'log intact, projections DIFFER' : 'DAMAGED'}</dd>
            <dt>events checked</dt>
            <dd>{exact(verified.value.eventsChecked)}</dd>
            {verified.value.message && <><dt>problem</dt><dd>{verified.value.message}</dd></>}
            {verified.value.firstBadPosition !== undefined && <><dt>first bad event</dt><dd>{verified.value.firstBadPosition}</dd></>}
            {verified.value.projections && (
              <>
                <dt>projections</dt>
                <dd className={verified.value.projections.ok ? 'right' : 'wrong'} data-testid="verify-projections">
                  {verified.value.projections.ok ? 'match a rebuild' : `differ from a rebuild: ${verified.value.projections.differing.join(', ')} (Rebuild repairs them)`}
                </dd>
              </>
            )}
          </dl>
        )}
      </section>

      <section className="panel">
        <header className="panel-header">
          <h2>Rebuild the read models</h2>
          {!confirmRebuild ? (
            <button type="button" className="button" disabled={rebuilt.state === 'busy'} onClick={() => setConfirmRebuild(true)} data-testid="rebuild">
              {rebuilt.state === 'busy' ? 'Rebuilding…' : 'Rebuild…'}
            </button>
          ) : (
            <span className="form-actions">
              <span className="small">Replay every projection now? Runs keep going; reads wait for it.</span>
              <button type="button" className="button primary" onClick={() => { setConfirmRebuild(false); void rebuild(rebuildStore); }} data-testid="rebuild-confirm">Rebuild</button>
              <button type="button" className="button" onClick={() => setConfirmRebuild(false)}>Cancel</button>
            </span>
          )}
        </header>
        <p className="muted">Drops and replays every projection (run list, prompts, metrics, notebook index) from the event log in one transaction. The log itself is never changed; the checksum is the same for the same log.</p>
        {rebuilt.state === 'failed' && <ErrorMessage error={rebuilt.error} />}
        {rebuilt.state === 'done' && (
          <dl className="report" data-testid="rebuild-report">
            <dt>events in the log</dt>
            <dd>{exact(rebuilt.value.events)}</dd>
            <dt>applied</dt>
            <dd>{exact(rebuilt.value.applied)}</dd>
            <dt>projections</dt>
            <dd>{rebuilt.value.projections.join(', ')}</dd>
            <dt>time</dt>
            <dd>{(rebuilt.value.elapsedMs / 1000).toFixed(2)} s</dd>
            <dt>checksum</dt>
            <dd>{rebuilt.value.checksum}</dd>
          </dl>
        )}
      </section>

      <section className="panel">
        <header className="panel-header">
          <h2>Import runs</h2>
          <label className="button">
            Choose an export file…
            <input type="file" accept=".jsonl,.ndjson" onChange={(event) => void pickExport(event)} hidden data-testid="run-import-file" />
          </label>
        </header>
        <p className="muted">A file saved with Export (in a run's view) or <code>remo export</code>. Every line is checked before anything is written; a run already here with the same events is not written again.</p>
        {imported.state === 'busy' && <p className="muted">Importing…</p>}
        {imported.state === 'failed' && <ErrorMessage error={imported.error} />}
        {imported.state === 'done' && (
          <p data-testid="run-import-result">
            {imported.value.written > 0 ? `imported ${exact(imported.value.written)} events` : 'nothing new: every event was already here'}
            {imported.value.alreadyPresent > 0 && ` (${exact(imported.value.alreadyPresent)} already present)`}
            {' · '}
            <button type="button" className="link" onClick={() => { showPage('runs'); void selectRun(imported.value.runId); }} data-testid="run-import-open">
              open {imported.value.runId}
            </button>
          </p>
        )}
      </section>
    </div>
  );
}

import type { LogRef } from '../../../shared/api/timelineViews';
import { formatPercent } from '../../format/formatters';
import { useApp } from '../../store/storeContext';

/**
 * Why a version exists, from the run's own records: the step's answers (wrong ones first) with the
 * lessons each was shown, the critiques, the optimizer's reply and the gate; for Q, the
 * reflections. Every item moves the scrubber to the event it comes from.
 */
export function ProvenancePanel() {
  const provenance = useApp((s) => s.provenance);
  const clear = useApp((s) => s.clearProvenance);
  const scrubToPosition = useApp((s) => s.scrubToPosition);
  const inspect = useApp((s) => s.inspect);
  if (!provenance) return null;
  const go = (ref: LogRef) => {
    scrubToPosition(ref.position, 'provenance');
    void inspect(ref.position);
  };
  const Ref = ({ refTo, children, testId }: { refTo: LogRef; children: React.ReactNode; testId?: string }) => (
    <button type="button" className="link" onClick={() => go(refTo)} title={`${refTo.type} at position ${refTo.position}`} data-testid={testId}>
      {children}
    </button>
  );
  const what = provenance.kind === 'prompt' ? 'P' : 'Q';
  const nothing = provenance.answers.length + provenance.critiques.length + provenance.reflections.length === 0 && !provenance.proposal;
  return (
    <section className="panel provenance" aria-label="Provenance" data-testid="provenance">
      <header className="panel-header">
        <h3>
          Why {what} {provenance.version === null ? `candidate (${provenance.status})` : `v${provenance.version}`}
        </h3>
        <span className="muted small">
          {provenance.epoch === null ? 'at the start' : `epoch ${provenance.epoch}${provenance.step === null ? '' : `, step ${provenance.step}`}`}
        </span>
        <button type="button" className="button" onClick={clear}>Close</button>
      </header>
      {nothing && <div className="muted">Nothing in this log produced it: it is the {provenance.status} version.</div>}
      {provenance.answers.length > 0 && (
        <>
          <h4>Training answers of the step</h4>
          <ul className="provenance-list">
            {provenance.answers.map((answer) => (
              <li key={answer.ref.position} className={answer.correct ? 'right' : 'wrong'}>
                <Ref refTo={answer.ref} testId={answer.correct ? 'provenance-right' : 'provenance-failure'}>
                  {answer.correct ? '✓' : '✗'} {answer.itemId}
                </Ref>{' '}
                <span className="muted">predicted {answer.predicted ?? '(none)'}</span>
                {answer.lessons.length > 0 && (
                  <ul>
                    {answer.lessons.map((lesson) => (
                      <li key={lesson.entryId}>
                        {lesson.ref ? <Ref refTo={lesson.ref} testId="provenance-lesson">lesson #{lesson.entryId}</Ref> : `lesson #${lesson.entryId}`}{' '}
                        <span className="muted">({lesson.score.toFixed(2)})</span> {lesson.lesson}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {provenance.critiques.map((critique) => (
        <div key={critique.ref.position}>
          <h4><Ref refTo={critique.ref} testId="provenance-critique">Critique</Ref></h4>
          <pre className="prompt-text small-text">{critique.excerpt}</pre>
        </div>
      ))}
      {provenance.proposal && (
        <div>
          <h4><Ref refTo={provenance.proposal.ref}>Optimizer reply</Ref></h4>
          <pre className="prompt-text small-text">{provenance.proposal.excerpt}</pre>
        </div>
      )}
      {provenance.gate && (
        <div>
          <h4><Ref refTo={provenance.gate.ref}>Validation gate</Ref></h4>
          candidate {formatPercent(provenance.gate.candidateVal)} against {formatPercent(provenance.gate.acceptedVal)}
        </div>
      )}
      {provenance.reflections.map((reflection) => (
        <div key={reflection.ref.position}>
          <h4><Ref refTo={reflection.ref} testId="provenance-reflection">Reflection</Ref></h4>
          <pre className="prompt-text small-text">{reflection.excerpt}</pre>
        </div>
      ))}
    </section>
  );
}

import type { ReactNode } from 'react';
import type { EventDetail } from '../../../shared/api/timelineViews';
import type { LoggedCall } from '../../../shared/events/run/callRecord';
import { formatPercent } from '../../format/formatters';
import { CallsTable } from './CallsTable';

type Data = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value, null, 2));

/** A labelled block of model or user text, always rendered as text (never HTML). */
function Block({ label, children, testId }: { label: string; children: unknown; testId?: string }) {
  const body = text(children);
  if (!body) return null;
  return (
    <div className="event-block">
      <div className="event-label">{label}</div>
      <pre className="prompt-text small-text" data-testid={testId}>{body}</pre>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return <div className="fact"><span className="event-label">{label}</span> {children}</div>;
}

/**
 * One event's content, laid out by type: a solver answer with its question, gold, score and the
 * model's thinking kept apart; a critique; the optimizer's replies; a lesson; a reflection; a
 * rewrite of Q. Every event with model calls ends with their records (role, endpoint, model,
 * latency, tokens, cache, attempts). Unknown types show their data as JSON.
 */
export function EventContent({ detail }: { detail: EventDetail }) {
  const { event, item } = detail;
  const data = event.data as Data;
  const calls = Array.isArray(data.calls) ? (data.calls as LoggedCall[]) : [];
  return (
    <div className="event-content" data-testid="event-content" data-type={event.type}>
      <div className="event-title">
        <strong data-testid="event-type">{event.type}</strong>
        <span className="muted small"> · position {event.globalPosition} · event {detail.index + 1} · {event.recordedAt}</span>
      </div>
      <Body type={event.type} data={data} item={item} />
      {calls.length > 0 && <CallsTable calls={calls} />}
    </div>
  );
}

function Body({ type, data, item }: { type: string; data: Data; item: EventDetail['item'] }) {
  switch (type) {
    case 'SolverAnswered':
      return (
        <>
          <div className="facts-row">
            <Fact label="item">{text(data.itemId)}</Fact>
            <Fact label="purpose">{text(data.purpose)}</Fact>
            <Fact label="score"><span className={data.correct ? 'right' : 'wrong'} data-testid="event-score">{data.correct ? 'correct' : 'wrong'}</span></Fact>
            <Fact label="predicted">{text(data.predicted) || '(none)'}</Fact>
            {item && <Fact label="gold">{item.answer}</Fact>}
            {Array.isArray(data.retrieved) && data.retrieved.length > 0 && (
              <Fact label="lessons shown">{(data.retrieved as { entryId: number; score: number }[]).map((r) => `#${r.entryId} (${r.score.toFixed(2)})`).join(', ')}</Fact>
            )}
          </div>
          {item && <Block label="question" testId="event-question">{item.question}</Block>}
          <Block label="answer" testId="event-response">{data.response}</Block>
          {typeof data.thinking === 'string' && data.thinking && (
            <details className="thinking">
              <summary>model thinking (kept apart from the answer)</summary>
              <pre className="prompt-text small-text" data-testid="event-thinking">{data.thinking}</pre>
            </details>
          )}
        </>
      );
    case 'CritiqueWritten':
      return (
        <>
          <Fact label="scope">{text(data.scope)}</Fact>
          <Block label="feedback" testId="event-critique">{data.feedback}</Block>
          {Array.isArray(data.perItem) && (data.perItem as { itemId: string; responseFeedback: string; promptFeedback: string }[]).map((row) => (
            <div key={row.itemId} className="event-block">
              <div className="event-label">item {row.itemId}</div>
              <pre className="prompt-text small-text">{`on the answer:\n${row.responseFeedback}\n\non the prompt:\n${row.promptFeedback}`}</pre>
            </div>
          ))}
        </>
      );
    case 'PromptCandidateProposed':
    case 'PromptUpdateFailed':
      return (
        <>
          {typeof data.reason === 'string' && <Fact label="why no update">{data.reason}</Fact>}
          {Array.isArray(data.attempts) && (data.attempts as { reply: string; ok: boolean; reason?: string }[]).map((attempt, i) => (
            <Block key={i} label={`optimizer reply ${i + 1}${attempt.ok ? '' : ` (refused: ${attempt.reason ?? 'unparseable'})`}`} testId="event-optimizer-reply">{attempt.reply}</Block>
          ))}
          <Block label="candidate prompt">{data.candidate}</Block>
        </>
      );
    case 'PromptAccepted':
    case 'PromptRejected':
      return (
        <>
          <div className="facts-row">
            {data.version !== undefined && <Fact label="version">v{text(data.version)}</Fact>}
            <Fact label="candidate val">{formatPercent(data.candidateVal as number | null)}</Fact>
            <Fact label="against">{formatPercent((data.previousVal ?? data.acceptedVal) as number | null)}</Fact>
            {data.gated !== undefined && <Fact label="gated">{data.gated ? 'yes' : 'no'}</Fact>}
          </div>
          <Block label={type === 'PromptAccepted' ? 'new prompt' : 'rejected candidate'}>{data.text ?? data.candidate}</Block>
        </>
      );
    case 'NotebookEntryWritten':
      return (
        <>
          <div className="facts-row">
            <Fact label="entry">#{text(data.entryId)} ({text(data.merge)}{data.similarity !== null && data.similarity !== undefined ? `, similarity ${Number(data.similarity).toFixed(2)}` : ''})</Fact>
            <Fact label="gold">{text(data.gold)}</Fact>
            <Fact label="predicted">{text(data.predicted)}</Fact>
            <Fact label="failed">{text(data.failCount)}×</Fact>
          </div>
          <Block label="lesson" testId="event-lesson">{data.lesson}</Block>
          <Block label="question">{data.question}</Block>
          <Block label="failed answer">{data.trace}</Block>
        </>
      );
    case 'ReflectionWritten':
      return <Block label="reflection" testId="event-reflection">{data.text}</Block>;
    case 'OptimizerInstructionsUpdated':
      return <Block label={`new optimizer instructions Q v${text(data.version)}`} testId="event-q">{data.text}</Block>;
    case 'OptimizerInstructionsRejected':
      return (
        <>
          <Fact label="rejected because">{text(data.reason)}</Fact>
          <Block label="proposed Q">{data.proposed}</Block>
        </>
      );
    case 'EvaluationCompleted':
      return (
        <div className="facts-row">
          <Fact label="evaluation">{text(data.label)}</Fact>
          <Fact label="split">{text(data.split)}</Fact>
          <Fact label="accuracy">{formatPercent(data.accuracy as number)} ({text(data.correct)}/{text(data.total)})</Fact>
          <Fact label="prompt">v{text(data.promptVersion)}{data.withNotebook ? ' with the notebook' : ''}</Fact>
        </div>
      );
    default: {
      const { calls: _calls, ...rest } = data;
      void _calls;
      return <Block label="data">{rest}</Block>;
    }
  }
}

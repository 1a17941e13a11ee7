import type { ApiError } from '../../shared/api/result';

/** An error envelope as a readable block (message plus schema details, if any). */
export function ErrorMessage({ error, onDismiss }: { error: ApiError; onDismiss?: () => void }) {
  return (
    <div className="error-message" role="alert" data-testid="error-message" data-code={error.code}>
      <strong>{error.code}</strong> {error.message}
      {error.details && error.details.length > 0 && (
        <ul>
          {error.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss}>
          dismiss
        </button>
      )}
    </div>
  );
}

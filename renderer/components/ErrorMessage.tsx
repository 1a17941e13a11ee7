import type { ApiError } from '../../shared/api/result';

/** An error envelope as a readable block (message plus schema details, if any). */
export function ErrorMessage({ error, onDismiss }: { error: ApiError; onDismiss?: () => void }) {
  // Core messages often already spell out their issues; list details only when they add something.
  const extraDetails = (error.details ?? []).filter((detail) => !error.message.includes(detail));
  return (
    <div className="error-message" role="alert" data-testid="error-message" data-code={error.code}>
      <strong>{error.code}</strong> {error.message}
      {extraDetails.length > 0 && (
        <ul>
          {extraDetails.map((detail) => (
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

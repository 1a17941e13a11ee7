import type { ReactNode } from 'react';

/** A labelled form control with the problems the core found in it, each in plain words next to it. */
export function Field({ label, issues, grow, children }: { label: string; issues: readonly { message: string }[]; grow?: boolean; children: ReactNode }) {
  return (
    <label className={`${grow ? 'grow ' : ''}${issues.length > 0 ? 'invalid' : ''}`}>
      {label}
      {children}
      {issues.map((issue) => <span key={issue.message} className="field-issue" role="alert" data-testid="field-issue">{issue.message}</span>)}
    </label>
  );
}

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it, and
 * the page behind is inert. `onClose` runs however it was closed.
 */
export function Dialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} aria-label={title} data-testid={testId}>
      <header className="panel-header">
        <h2>{title}</h2>
        <button type="button" className="button" onClick={() => ref.current?.close()} aria-label="Close">Close</button>
      </header>
      {children}
    </dialog>
  );
}

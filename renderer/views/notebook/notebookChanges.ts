import type { NotebookEntryView } from '../../../shared/api/runViews';

/** Which entries were created ('new') or rewritten ('changed') after position `since`. */
export function notebookChanges(entries: readonly NotebookEntryView[], since: number): { added: number; changed: number; marks: Map<number, 'new' | 'changed'> } {
  const marks = new Map<number, 'new' | 'changed'>();
  let added = 0;
  let changed = 0;
  for (const entry of entries) {
    if (entry.createdAt > since) {
      marks.set(entry.entryId, 'new');
      added += 1;
    } else if (entry.updatedAt > since) {
      marks.set(entry.entryId, 'changed');
      changed += 1;
    }
  }
  return { added, changed, marks };
}

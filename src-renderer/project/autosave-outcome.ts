// Runs in: renderer (pure). [Note: autosave] An autosave answered ENGINE_CRASHED may still have written its
// copy: the engine can die after the rename that puts it in place. What project.recoverable lists then
// decides it: a copy of this document newer than the last one this window knew of is the one just
// written (autosaves of a document run one at a time), so the user is not told a saved copy failed.
import type { DocumentId } from '../../src-shared/document/ids';

export interface ListedCopy {
  documentId: string;
  savedAt: string;
}

/**
 * The savedAt of the copy the crashed autosave wrote, or null when it did not get that far.
 * `previous`: the savedAt of this document's last copy known here; `startedAt`: when the request was
 * sent (ISO), the bar when no earlier copy is known.
 */
export function copyWrittenBy(
  listed: readonly ListedCopy[],
  documentId: DocumentId,
  previous: string | undefined,
  startedAt: string,
): string | null {
  const copy = listed.find((c) => c.documentId === documentId);
  if (!copy) return null;
  if (previous !== undefined) return copy.savedAt !== previous ? copy.savedAt : null;
  return copy.savedAt >= startedAt ? copy.savedAt : null;
}

// Runs in: renderer (pure, unit-tested in Node). The words projects use: the saved file's name and the
// recovery question.
import type { Detached, RecoveryOffer } from './project-store';

/** "truck.jpg" → "truck"; the engine adds .anyfill. */
export function projectBaseName(docName: string): string {
  return docName.replace(/\.(anyfill|jpe?g|png|gif|webp|bmp|tiff?|avif|heic|heif)$/i, '').trim() || 'Untitled';
}

/** "Anyfill closed unexpectedly. Restore “name” from 14:32?" — today's copies by time, older ones by date too. */
export function offerText(offer: RecoveryOffer, now = new Date()): string {
  const at = new Date(offer.savedAt);
  const sameDay = at.toDateString() === now.toDateString();
  const when = sameDay
    ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  return `Anyfill closed unexpectedly. Restore “${offer.name}” from ${when}?`;
}

/** Why the open document can no longer be edited after a restart, and what the user can do. */
export function detachedText(d: Pick<Detached, 'name' | 'hasCopy' | 'unsaved'>): string {
  const lost = `Anyfill restarted and no longer has the images of “${d.name}”, so it cannot be exported, filled or saved.`;
  if (d.hasCopy) return `${lost} Restore brings back its last autosaved copy.`;
  if (d.unsaved) return `${lost} No autosaved copy exists: open the file again (edits since opening are lost).`;
  return `${lost} Nothing unsaved was lost: open the file again.`;
}

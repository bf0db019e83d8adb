// Runs in: renderer. What the model manager does: read the pack list, download / cancel / remove / verify
// / import, and follow models.progress events. Every failure is shown twice: in the message area and on
// the pack's card, where it stays until the next action on that pack.
import type { DownloadProgress, PackStatus } from '../../src-shared/contract/model-payloads';
import { errorData, getApi, userMessage } from '../core/bridge/api';
import { showError, showNotice } from '../core/state/messages';
import { getModels, setModels, without, type PackNote, type PendingAction } from './models-store';
import { isActive, queuedProgress } from './view-model';
import { loadSummary } from './format';

const titleOf = (packId: string): string => getModels().packs?.find((p) => p.id === packId)?.title ?? packId;

function setNote(packId: string, note: PackNote | null): void {
  const { notes } = getModels();
  setModels({ notes: note ? { ...notes, [packId]: note } : without(notes, packId) });
}

function setPending(packId: string, action: PendingAction | null): void {
  const { pending } = getModels();
  setModels({ pending: action ? { ...pending, [packId]: action } : without(pending, packId) });
}

let listSeq = 0;

/** Re-read the list. A failure only marks the dialog: at start nobody asked, so no toast. */
export async function refreshModels(): Promise<void> {
  const seq = ++listSeq;
  setModels({ loading: true });
  try {
    const list = await getApi().invoke('models.list', {});
    if (seq !== listSeq) return; // a newer answer is on its way
    const settled = new Set(list.packs.filter((p) => p.state !== 'downloading').map((p) => p.id));
    // A finished download's 'done' is no longer needed once the list tells the state on disk.
    const progress = Object.fromEntries(Object.entries(getModels().progress).filter(([id, p]) => !(p.state === 'done' && settled.has(id))));
    setModels({
      modelsDir: list.modelsDir,
      diskFreeBytes: list.diskFreeBytes,
      packs: list.packs,
      progress,
      loading: false,
      listError: null,
      segmentPack: list.segmentPack ?? null,
      erasePack: list.erasePack ?? null,
    });
  } catch (err) {
    if (seq !== listSeq) return;
    setModels({ loading: false, listError: `Could not read the models folder: ${userMessage(err)}` });
  }
}

function replacePack(status: PackStatus): void {
  const packs = getModels().packs;
  if (!packs) return;
  setModels({ packs: packs.some((p) => p.id === status.id) ? packs.map((p) => (p.id === status.id ? status : p)) : [...packs, status] });
}

export function openModelManager(): void {
  setModels({ open: true });
  void refreshModels();
}

export function closeModelManager(): void {
  setModels({ open: false, confirmRemove: null });
}

export async function downloadPack(packId: string): Promise<void> {
  const s = getModels();
  const pack = s.packs?.find((p) => p.id === packId);
  if (!pack || isActive(s.progress[packId])) return;
  // Shown at once, before the engine's first event, so the button cannot be pressed twice.
  const queued = queuedProgress(pack);
  setModels({
    progress: { ...s.progress, [packId]: queued },
    outcomes: without(s.outcomes, packId),
    notes: without(s.notes, packId),
    confirmRemove: null,
  });
  try {
    const status = await getApi().invoke('models.download', { packId });
    replacePack(status);
    showNotice(`${status.title} is installed.`);
  } catch (err) {
    downloadEnded(packId, err);
  } finally {
    void refreshModels();
  }
}

function downloadEnded(packId: string, err: unknown): void {
  const data = errorData(err);
  const s = getModels();
  // The engine's own 'failed'/'cancelled' event may have said so already; make sure the card is not left spinning.
  const last = s.progress[packId];
  const progress =
    last && isActive(last)
      ? { ...s.progress, [packId]: { ...last, state: data.code === 'CANCELLED' ? ('cancelled' as const) : ('failed' as const) } }
      : s.progress;
  if (data.code === 'CANCELLED') {
    setModels({ progress, outcomes: { ...s.outcomes, [packId]: 'cancelled' } });
    setNote(packId, { kind: 'info', text: 'Download cancelled. What was downloaded is kept: Retry continues from there.' });
    return;
  }
  const message = userMessage(err, 'The download failed.');
  setModels({ progress, outcomes: { ...s.outcomes, [packId]: 'failed' } });
  setNote(packId, { kind: 'error', text: message });
  showError(`${titleOf(packId)}: ${message}`);
}

export async function cancelDownload(packId: string): Promise<void> {
  if (getModels().pending[packId]) return;
  setPending(packId, 'cancel');
  try {
    await getApi().invoke('models.cancel', { packId });
  } catch (err) {
    const message = userMessage(err);
    setNote(packId, { kind: 'error', text: message });
    showError(`Could not cancel the download of ${titleOf(packId)}: ${message}`);
  } finally {
    setPending(packId, null);
  }
}

/** First step of Remove: the card asks for confirmation. */
export function askRemove(packId: string | null): void {
  setModels({ confirmRemove: packId });
}

export async function removePack(packId: string): Promise<void> {
  if (getModels().pending[packId]) return;
  const title = titleOf(packId);
  setModels({ confirmRemove: null });
  setPending(packId, 'remove');
  try {
    await getApi().invoke('models.remove', { packId });
    const s = getModels();
    setModels({ progress: without(s.progress, packId), outcomes: without(s.outcomes, packId), notes: without(s.notes, packId) });
    showNotice(`${title} was removed.`);
  } catch (err) {
    const message = userMessage(err);
    setNote(packId, { kind: 'error', text: message });
    showError(`Could not remove ${title}: ${message}`);
  } finally {
    setPending(packId, null);
    void refreshModels();
  }
}

export async function verifyPack(packId: string): Promise<void> {
  if (getModels().pending[packId]) return;
  const title = titleOf(packId);
  setPending(packId, 'verify');
  setNote(packId, null);
  try {
    const result = await getApi().invoke('models.verify', { packId });
    if (result.ok) {
      const loaded = result.loads?.length ? ` ${loadSummary(result)}` : '';
      setNote(packId, { kind: 'ok', text: `Verified: every file matches its recorded checksum.${loaded}` });
    } else {
      const problems = result.problems.map((p) => `${p.path}: ${p.problem}`).join('; ');
      setNote(packId, {
        kind: 'error',
        text: `Verification failed — ${problems || 'the pack is damaged'}. Download it again or remove it.`,
      });
      showError(`${title} failed verification: ${problems || 'the pack is damaged'}.`);
    }
  } catch (err) {
    const message = userMessage(err);
    setNote(packId, { kind: 'error', text: message });
    showError(`Could not verify ${title}: ${message}`);
  } finally {
    setPending(packId, null);
    void refreshModels();
  }
}

/** Electron only: pick a folder with the native dialog; main hands it to the engine's models.import. */
export async function importFolder(): Promise<void> {
  if (getModels().importing) return;
  setModels({ importing: true });
  try {
    const status = await getApi().invoke('shell.importModels', {});
    if (status) {
      replacePack(status);
      showNotice(`Imported ${status.title}.`);
    }
  } catch (err) {
    showError(`Could not import the models folder: ${userMessage(err)}`);
  } finally {
    setModels({ importing: false });
    void refreshModels();
  }
}

function onProgress(p: DownloadProgress): void {
  const s = getModels();
  const update: { -readonly [K in keyof typeof s]?: (typeof s)[K] } = { progress: { ...s.progress, [p.packId]: p } };
  if (p.state === 'failed') {
    update.outcomes = { ...s.outcomes, [p.packId]: 'failed' };
    if (p.error) update.notes = { ...s.notes, [p.packId]: { kind: 'error', text: userMessage(p.error, 'The download failed.') } };
  } else if (p.state === 'cancelled') {
    update.outcomes = { ...s.outcomes, [p.packId]: 'cancelled' };
  } else if (p.state === 'done' || (p.state === 'queued' && s.outcomes[p.packId])) {
    // A new attempt (perhaps from another window of the browser host) clears the card's last outcome.
    update.outcomes = without(s.outcomes, p.packId);
  }
  setModels(update);
  // The end of a download, whoever started it: the list shows the new state on disk.
  if (!isActive(p)) void refreshModels();
}

/** App-wide: progress events (downloads go on while the dialog is closed) and the first-run check. */
export function installModelEvents(): () => void {
  const api = getApi();
  const offs = [
    api.on('models.progress', onProgress),
    api.on('engine.status', (e) => {
      if (e.state === 'ready') void refreshModels();
    }),
  ];
  void refreshModels();
  return () => offs.forEach((off) => off());
}

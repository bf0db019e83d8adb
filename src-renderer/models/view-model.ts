// Runs in: renderer (pure, unit-tested). What the model manager shows for the engine's pack list: groups,
// each card's state, which buttons it offers, its progress line and the disk summary.
import type { DownloadProgress, PackStatus } from '../../src-shared/contract/model-payloads';
import type { ModelFamily } from '../../src-shared/models/catalog-schema';
import { formatBytes, formatEta, formatSpeed, percent } from './format';

export interface PackGroup {
  readonly id: 'select' | 'find' | 'remove' | 'generate';
  /** What the user does with these models. */
  readonly title: string;
  /** Which models they are. */
  readonly models: string;
  readonly packs: PackStatus[];
}

const GROUPS: ReadonlyArray<Omit<PackGroup, 'packs'> & { families: readonly ModelFamily[] }> = [
  { id: 'select', title: 'Select', models: 'SAM / SAM 2', families: ['sam1', 'sam2'] },
  { id: 'find', title: 'Find by name', models: 'Grounding DINO', families: ['gdino'] },
  { id: 'remove', title: 'Remove', models: 'MI-GAN / LaMa', families: ['eraser'] },
  { id: 'generate', title: 'Generate', models: 'Stable Diffusion', families: ['sd-inpaint', 'tiny-vae'] },
];

/**
 * Packs by what they are for, in catalog order within a group except that catalog packs come before
 * imported or stand-in ones. Every group is returned, even an empty one, so the layout stays put.
 */
export function groupPacks(packs: readonly PackStatus[]): PackGroup[] {
  return GROUPS.map(({ families, ...group }) => ({
    ...group,
    packs: packs
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => families.includes(p.family))
      .sort((a, b) => Number(b.p.inCatalog) - Number(a.p.inCatalog) || a.i - b.i)
      .map(({ p }) => p),
  }));
}

/** The pack's state as the card shows it: the engine's, plus what happened to this window's last download. */
export type CardState = PackStatus['state'] | 'failed' | 'cancelled';

/** The end of the last download attempt seen here; cleared when a new one starts. */
export type Outcome = 'failed' | 'cancelled';

const ACTIVE: ReadonlySet<DownloadProgress['state']> = new Set(['queued', 'downloading', 'verifying', 'extracting']);

/** Progress before the engine's first event: queued, with what is already on disk. */
export function queuedProgress(pack: Pick<PackStatus, 'id' | 'files' | 'installedBytes' | 'bytes'>): DownloadProgress {
  return {
    packId: pack.id,
    state: 'queued',
    fileIndex: 0,
    fileCount: pack.files.length,
    receivedBytes: pack.installedBytes,
    totalBytes: pack.bytes,
    bytesPerSecond: 0,
    etaSeconds: null,
  };
}

export const isActive = (p: DownloadProgress | undefined): boolean => p !== undefined && ACTIVE.has(p.state);

export function cardState(pack: PackStatus, progress?: DownloadProgress, outcome?: Outcome): CardState {
  if (isActive(progress) || pack.state === 'downloading') return 'downloading';
  // 'done' arrives a moment before the list says installed: no flash of the Download button meanwhile.
  if (pack.state === 'installed' || progress?.state === 'done') return 'installed';
  if (outcome) return outcome;
  if (progress?.state === 'failed') return 'failed';
  if (progress?.state === 'cancelled') return 'cancelled';
  return pack.state;
}

export type ActionKind = 'download' | 'cancel' | 'remove' | 'verify';

export interface PackAction {
  readonly kind: ActionKind;
  readonly label: string;
  /** Spoken and shown as a tooltip: names the pack, since every card has the same buttons. */
  readonly ariaLabel: string;
}

/** The buttons a card offers in a state; the first one is the main action. */
export function packActions(state: CardState, pack: Pick<PackStatus, 'title' | 'inCatalog' | 'installedBytes'>): PackAction[] {
  const a = (kind: ActionKind, label: string, aria = `${label} ${pack.title}`): PackAction => ({ kind, label, ariaLabel: aria });
  const remove = a('remove', 'Remove');
  const verify = a('verify', 'Verify');
  const leftovers = pack.installedBytes > 0 ? [a('remove', 'Remove', `Remove the partial download of ${pack.title}`)] : [];
  // Packs the catalog does not list (imported, stand-ins) cannot be downloaded again.
  const dl = (label: string, aria?: string): PackAction[] => (pack.inCatalog ? [a('download', label, aria)] : []);
  switch (state) {
    case 'downloading':
      return [a('cancel', 'Cancel', `Cancel the download of ${pack.title}`)];
    case 'available':
      return dl('Download');
    case 'incomplete':
      return [...dl('Resume', `Resume the download of ${pack.title}`), ...leftovers];
    case 'failed':
    case 'cancelled':
      return [...dl('Retry', `Retry the download of ${pack.title}`), ...leftovers];
    case 'installed':
      return [verify, remove];
    case 'damaged':
      return [...dl('Download again', `Download ${pack.title} again`), verify, remove];
  }
}

export const STATE_LABELS: Record<CardState, string> = {
  available: 'Not downloaded',
  downloading: 'Downloading',
  incomplete: 'Partly downloaded',
  installed: 'Installed',
  damaged: 'Damaged',
  failed: 'Download failed',
  cancelled: 'Download cancelled',
};

const PHASES: Record<DownloadProgress['state'], string> = {
  queued: 'Waiting…',
  downloading: 'Downloading',
  verifying: 'Checking',
  extracting: 'Unpacking',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export interface ProgressView {
  readonly percent: number;
  /** "12.3 MB of 44.7 MB" */
  readonly bytes: string;
  /** "3.1 MB/s · 10 s left" while bytes flow; otherwise the phase alone. */
  readonly rate: string;
  /** "Downloading sam_mask_decoder_multi.onnx (2 of 2)" */
  readonly phase: string;
}

export function progressView(p: DownloadProgress): ProgressView {
  const flowing = p.state === 'downloading' && p.bytesPerSecond > 0;
  const eta = formatEta(p.etaSeconds);
  const file = p.file ? ` ${p.file}${p.fileCount > 1 ? ` (${Math.min(p.fileIndex + 1, p.fileCount)} of ${p.fileCount})` : ''}` : '';
  return {
    percent: p.state === 'done' ? 100 : percent(p.receivedBytes, p.totalBytes),
    bytes: p.totalBytes > 0 ? `${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)}` : formatBytes(p.receivedBytes),
    rate: flowing ? [formatSpeed(p.bytesPerSecond), eta].filter(Boolean).join(' · ') : '',
    phase: `${PHASES[p.state]}${p.state === 'done' || p.state === 'queued' ? '' : file}`,
  };
}

/** Size as a card shows it: on-disk bytes once installed, the (approximate) download size before. */
export function sizeText(pack: Pick<PackStatus, 'state' | 'bytes' | 'installedBytes'>): string {
  if (pack.state === 'installed' || pack.state === 'damaged') return formatBytes(pack.installedBytes || pack.bytes);
  const total = `about ${formatBytes(pack.bytes)}`;
  return pack.installedBytes > 0 ? `${total} (${formatBytes(pack.installedBytes)} downloaded)` : total;
}

const SOURCES: Record<NonNullable<PackStatus['source']>, string> = {
  download: 'Downloaded',
  import: 'Imported from a folder',
  standin: 'Stand-in (test model)',
};

/**
 * The "unverified" badge, with the reason: an installed pack no published sha256 fully vouched for, or a
 * catalog pack whose file list public evidence does not confirm (said before anyone downloads it).
 */
export function evidenceBadge(
  pack: Pick<PackStatus, 'evidence' | 'evidenceNote'>,
  state: CardState,
): { label: string; reason: string } | null {
  if (!pack.evidence || pack.evidence === 'pinned') return null;
  if (state !== 'installed' && pack.evidence !== 'unverified') return null;
  const reason =
    pack.evidenceNote ??
    (pack.evidence === 'size-only' ? 'Only exact sizes vouched for its files.' : 'Only a structural check vouched for its files.');
  return { label: 'unverified', reason };
}

export const sourceText = (pack: Pick<PackStatus, 'source'>): string => (pack.source ? SOURCES[pack.source] : '');

/** "Models use 44.7 MB · 120.3 GB free" */
export function diskSummary(packs: readonly Pick<PackStatus, 'installedBytes'>[], diskFreeBytes: number | null): string {
  const used = packs.reduce((sum, p) => sum + p.installedBytes, 0);
  const free = diskFreeBytes === null ? 'free space unknown' : `${formatBytes(diskFreeBytes)} free`;
  return `Models use ${formatBytes(used)} · ${free}`;
}

/** True when a download of this size would not fit (with a little room to spare) on the models disk. */
export function wontFit(pack: Pick<PackStatus, 'bytes' | 'installedBytes'>, diskFreeBytes: number | null): boolean {
  if (diskFreeBytes === null) return false;
  return Math.max(0, pack.bytes - pack.installedBytes) > diskFreeBytes;
}

/** First run: no pack of any AI family is installed (unknown until the list arrives). */
export function needsFirstModel(packs: readonly Pick<PackStatus, 'state'>[] | null): boolean {
  return packs !== null && !packs.some((p) => p.state === 'installed');
}

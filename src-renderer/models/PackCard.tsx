// Runs in: renderer. One model pack in the manager: what it is, its licence and device, its state, the
// download progress and the buttons that state allows.
import type { DownloadProgress, PackStatus } from '../../src-shared/contract/model-payloads';
import { askRemove, cancelDownload, downloadPack, removePack, verifyPack } from './model-actions';
import { useModels } from './models-store';
import { chooseForSelect, isSegmentPack } from './segment-choice';
import { EraseChoice } from './EraseChoice';
import { deviceLine, formatBytes, formatMemory } from './format';
import {
  STATE_LABELS,
  cardState,
  evidenceBadge,
  queuedProgress,
  packActions,
  progressView,
  sizeText,
  sourceText,
  wontFit,
  type ActionKind,
  type CardState,
} from './view-model';

const TEST_IDS: Record<ActionKind, string> = {
  download: 'model-download',
  cancel: 'model-cancel',
  remove: 'model-remove',
  verify: 'model-verify',
};

const RUN: Record<ActionKind, (packId: string) => unknown> = {
  download: downloadPack,
  cancel: cancelDownload,
  remove: askRemove,
  verify: verifyPack,
};

const BUSY_LABELS = { cancel: 'Cancelling…', remove: 'Removing…', verify: 'Verifying…', download: 'Starting…' } as const;

export function PackCard({ pack }: { pack: PackStatus }) {
  const progress = useModels((s) => s.progress[pack.id]);
  const outcome = useModels((s) => s.outcomes[pack.id]);
  const note = useModels((s) => s.notes[pack.id]);
  const pending = useModels((s) => s.pending[pack.id]);
  const confirming = useModels((s) => s.confirmRemove === pack.id);
  const diskFree = useModels((s) => s.diskFreeBytes);
  const state = cardState(pack, progress, outcome);
  const titleId = `pack-${pack.id}-title`;
  const source = sourceText(pack);
  const badge = evidenceBadge(pack, state);
  // Made for a GPU (or fp16) but this machine would run it on the CPU: the device line says why, in amber.
  const slowHere = pack.device.name === 'cpu' && (pack.recommendedDevice === 'gpu' || pack.precision === 'fp16');
  const tight = state !== 'installed' && state !== 'downloading' && wontFit(pack, diskFree);
  return (
    <li className={`pack-card state-${state}`} data-testid="model-pack" data-pack-id={pack.id} data-state={state} aria-labelledby={titleId}>
      <div className="pack-head">
        <h4 id={titleId} className="pack-title">
          {pack.title}
        </h4>
        {pack.default && pack.inCatalog && <span className="pack-badge accent">Recommended</span>}
        {!pack.inCatalog && <span className="pack-badge">{pack.source === 'standin' ? 'Stand-in' : 'Not in catalog'}</span>}
        <span className="pack-badge">{pack.precision}</span>
        {badge && (
          <span className="pack-badge warn" data-testid="model-unverified" title={badge.reason}>
            {badge.label}
          </span>
        )}
        <span className={`pack-state ${state}`} data-testid="model-state">
          {STATE_LABELS[state]}
        </span>
      </div>
      <p className="pack-desc">{pack.description}</p>
      {badge && (
        // No published sha256 vouched for some file: only its size and structure were checked.
        <p className="pack-note info" data-testid="model-evidence-note">
          Unverified: {badge.reason}
        </p>
      )}
      <dl className="pack-facts">
        <dt>Size</dt>
        <dd data-testid="model-size">{sizeText(pack)}</dd>
        <dt>Memory</dt>
        <dd>needs about {formatMemory(pack.memoryMB)} while running</dd>
        <dt>Licence</dt>
        <dd>
          {/^https?:\/\//.test(pack.licence.url) ? (
            <a href={pack.licence.url} target="_blank" rel="noopener noreferrer" title={pack.licence.url}>
              {pack.licence.name}
            </a>
          ) : (
            // A local pack's "licence" points at its folder: a page cannot open file: links, so just say it.
            <span title={pack.licence.url}>{pack.licence.name}</span>
          )}
          {pack.licence.note && <span className="pack-licence-note"> — {pack.licence.note}</span>}
        </dd>
        {source && (
          <>
            <dt>Source</dt>
            <dd data-testid="model-source">{source}</dd>
          </>
        )}
      </dl>
      {state === 'downloading' && <Progress title={pack.title} progress={progress} pack={pack} />}
      {tight && diskFree !== null && (
        <p className="pack-note error">
          Needs about {formatBytes(pack.bytes - pack.installedBytes)}; only {formatBytes(diskFree)} is free on the models disk.
        </p>
      )}
      {note && (
        <p className={`pack-note ${note.kind}`} data-testid="model-note" data-kind={note.kind}>
          {note.text}
        </p>
      )}
      <div className="pack-foot">
        <p className={`pack-device ${pack.device.name}${slowHere ? ' warn' : ''}`} data-testid="model-device">
          {deviceLine(pack.device)}
        </p>
        {!confirming && <SegmentChoice pack={pack} state={state} />}
        {!confirming && state === 'installed' && <EraseChoice pack={pack} />}
        {!confirming && <Actions pack={pack} state={state} pending={pending} />}
      </div>
      {confirming && (
        <div className="pack-actions confirm" role="group" aria-label={`Remove ${pack.title}?`}>
          <span>
            Remove {pack.title} and its {formatBytes(pack.installedBytes)} from disk?
          </span>
          <button
            type="button"
            className="pack-button danger"
            data-testid="model-remove-confirm"
            onClick={() => void removePack(pack.id)}
            autoFocus
          >
            Remove
          </button>
          <button type="button" className="pack-button" data-testid="model-remove-keep" onClick={() => askRemove(null)}>
            Keep
          </button>
        </div>
      )}
    </li>
  );
}

/** On an installed SAM pack: whether Select uses it, or a button to make it so. */
function SegmentChoice({ pack, state }: { pack: PackStatus; state: CardState }) {
  const inUse = useModels((s) => s.segmentPack === pack.id);
  if (state !== 'installed' || !isSegmentPack(pack.family)) return null;
  if (inUse) {
    return (
      <span className="pack-badge accent" data-testid="model-segment-in-use">
        Used by Select
      </span>
    );
  }
  return (
    <button type="button" className="pack-button" data-testid="model-use-for-select" onClick={() => void chooseForSelect(pack.id)}>
      Use for Select
    </button>
  );
}

function Actions({ pack, state, pending }: { pack: PackStatus; state: CardState; pending: keyof typeof BUSY_LABELS | undefined }) {
  const actions = packActions(state, pack);
  if (actions.length === 0) return null;
  return (
    <div className="pack-actions">
      {actions.map((a, i) => (
        <button
          key={`${a.kind}-${i}`}
          type="button"
          className={`pack-button${a.kind === 'download' ? ' main' : ''}${a.kind === 'remove' ? ' danger' : ''}`}
          data-testid={TEST_IDS[a.kind]}
          aria-label={a.ariaLabel}
          title={a.ariaLabel}
          disabled={pending !== undefined}
          onClick={() => void RUN[a.kind](pack.id)}
        >
          {pending === a.kind ? BUSY_LABELS[a.kind] : a.label}
        </button>
      ))}
    </div>
  );
}

function Progress({ title, progress, pack }: { title: string; progress: DownloadProgress | undefined; pack: PackStatus }) {
  // Downloading but no event yet (e.g. this window opened mid-download): an empty bar until the next one.
  const p: DownloadProgress = progress ?? queuedProgress(pack);
  const v = progressView(p);
  return (
    <div className="pack-progress">
      <div
        className="progress-track"
        role="progressbar"
        data-testid="model-progress"
        data-phase={p.state}
        aria-label={`Downloading ${title}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v.percent}
        aria-valuetext={`${v.percent}%, ${v.bytes}`}
      >
        <div className="progress-fill" style={{ width: `${v.percent}%` }} />
      </div>
      <div className="progress-text">
        <span className="progress-phase">{v.phase}</span>
        <span data-testid="model-progress-bytes">{v.bytes}</span>
        {v.rate && <span data-testid="model-progress-rate">{v.rate}</span>}
      </div>
    </div>
  );
}

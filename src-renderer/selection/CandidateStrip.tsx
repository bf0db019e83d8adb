// Runs in: renderer. The last click's mask candidates with their scores, in the selection bar: each
// thumbnail shows the photo around its mask with the rest veiled, so candidates differ by what they
// take; the one chosen first is the best scored (competingCandidates). A click picks one (one undo step).
import { useEffect, useState } from 'react';
import { lowResToMask } from '../../src-shared/masks';
import { afterPaint } from '../core/viewport/after-paint';
import { useEditor } from '../core/state/editor-store';
import { photoBackdrop, type Backdrop } from '../core/images/photo-backdrop';
import { maskRegion, veilPixels } from '../core/images/mask-veil';
import { decodeLogits } from './preview-mask';
import { pickCandidate } from './candidate-logits';
import { competingCandidates } from '../core/bridge/chosen-candidate';
import { imageLayerOf } from '../core/viewport/geometry';
import { hexToRgb } from './palette';
import { useSelectionUi, type LastRun } from './selection-store';

/** The thumbnail's box: the strip stays inside the band Zoom to Fit keeps clear. */
const THUMB = { width: 56, height: 44 };
/** The mask is sampled on a grid this long on its longer side (enough for a 56-px thumbnail of a crop). */
const GRID = 256;

interface Thumb {
  readonly veil: string;
  readonly backdrop: Backdrop;
}

function makeThumb(logits: Float32Array, p: LastRun['placement'], colour: string): Thumb {
  const s = GRID / Math.max(p.width, p.height);
  const grid = { width: Math.max(1, Math.round(p.width * s)), height: Math.max(1, Math.round(p.height * s)) };
  const mask = lowResToMask(logits, p, grid.width, grid.height);
  const photo = { width: p.width, height: p.height };
  const region = maskRegion({ mask, ...grid }, photo);
  const backdrop = photoBackdrop(region, photo, THUMB);
  const canvas = document.createElement('canvas');
  canvas.width = backdrop.width;
  canvas.height = backdrop.height;
  const pixels = veilPixels({ mask, ...grid }, photo, region, backdrop.width, backdrop.height, hexToRgb(colour));
  canvas.getContext('2d')!.putImageData(new ImageData(pixels, backdrop.width, backdrop.height), 0, 0);
  return { veil: canvas.toDataURL(), backdrop };
}

function CandidateThumb({ run, index, colour, photoUrl }: { run: LastRun; index: number; colour: string; photoUrl: string | undefined }) {
  const [thumb, setThumb] = useState<Thumb | null>(null);
  const c = run.candidates.find((x) => x.index === index)!;
  useEffect(() => {
    let alive = true;
    const encoded = c.logits;
    if (!encoded) return; // on its way (candidate-logits.ts): this effect runs again when it lands
    // After the frame that shows the click's mask: four thumbnails are not worth delaying it.
    const cancel = afterPaint(() => {
      void decodeLogits(encoded).then((logits) => alive && setThumb(makeThumb(logits, run.placement, colour)));
    });
    return () => {
      alive = false;
      cancel();
    };
  }, [c, run.placement, colour]);
  if (!thumb) return <span className="candidate-blank" />;
  const b = thumb.backdrop;
  const photo = photoUrl
    ? { backgroundImage: `url("${photoUrl}")`, backgroundSize: b.backgroundSize, backgroundPosition: b.backgroundPosition }
    : {};
  return (
    <span className="candidate-thumb" style={{ width: b.width, height: b.height, ...photo }}>
      <img src={thumb.veil} alt="" width={b.width} height={b.height} />
    </span>
  );
}

export function CandidateStrip() {
  const run = useSelectionUi((s) => s.lastRun);
  const activeId = useSelectionUi((s) => s.activeId);
  const layer = useEditor((s) => (run ? s.document?.layers.find((l) => l.id === run.layerId) : undefined));
  const photoUrl = useEditor((s) => {
    const image = run ? imageLayerOf(s.document, run.assetId) : null;
    return image ? s.assets[image.assetId]?.url : undefined;
  });
  if (!run || !layer || layer.kind !== 'selection' || run.layerId !== activeId || layer.sam?.resultId !== run.resultId) return null;
  const chosen = layer.sam.candidateIndex;
  const shown = competingCandidates(run.candidates, chosen);
  if (shown.length < 2) return null;
  return (
    <div className="candidates" data-testid="candidates" role="listbox" aria-label="Mask candidates">
      {shown.map((c) => (
        <button
          type="button"
          key={c.index}
          className={`candidate${c.index === chosen ? ' chosen' : ''}`}
          data-testid="candidate"
          data-index={c.index}
          data-score={c.score}
          role="option"
          aria-selected={c.index === chosen}
          title={`Candidate ${c.index + 1}: score ${c.score.toFixed(2)}`}
          onClick={() => pickCandidate(c.index)}
        >
          <CandidateThumb run={run} index={c.index} colour={layer.colour} photoUrl={photoUrl} />
          <span className="score">{c.score.toFixed(2)}</span>
        </button>
      ))}
    </div>
  );
}

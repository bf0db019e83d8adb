// Runs in: renderer. "Extend Canvas…": pixels per side or an aspect ratio (the short side grows, evenly),
// what the new area should show, a seed, and the resulting size (the new canvas is also outlined on the
// canvas: OutpaintPreview); Extend runs the outpaint job. The photo itself is never changed.
import { SeedField } from '../core/ui/SeedField';
import { OutpaintEstimate } from './OutpaintEstimate';
import { useEffect, useRef } from 'react';
import { useEditor } from '../core/state/editor-store';
import { clampNumber } from '../generate/api';
import { closeOutpaint, runOutpaint } from './outpaint-actions';
import { ASPECTS, extendRequest, extensionFor, setOutpaint, useOutpaint, type Side } from './outpaint-store';
import { outpaintPhoto } from './outpaint-actions';
import './outpaint.css';

const SIDES: Side[] = ['left', 'right', 'top', 'bottom'];

export function OutpaintDialog() {
  const open = useOutpaint((s) => s.open);
  const hasDoc = useEditor((s) => s.document !== null);
  return open && hasDoc ? <Dialog /> : null;
}

function Dialog() {
  const ref = useRef<HTMLDialogElement | null>(null);
  const s = useOutpaint();
  const size = useEditor((e) => (e.document ? `${e.document.width} × ${e.document.height}` : ''));
  useEditor((e) => e.document);
  const photo = outpaintPhoto();
  const ext = photo ? extensionFor(s, photo) : null;
  const result = photo && ext ? `${photo.width + ext.left + ext.right} × ${photo.height + ext.top + ext.bottom}` : null;
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="outpaint-dialog app-dialog"
      data-testid="outpaint-dialog"
      aria-labelledby="outpaint-title"
      onCancel={(e) => {
        e.preventDefault();
        closeOutpaint();
      }}
      // Keys typed here are for the dialog (Delete must not delete a layer behind it); Escape closes it.
      onKeyDown={(e) => e.key !== 'Escape' && e.stopPropagation()}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void runOutpaint();
        }}
      >
        <h2 id="outpaint-title">Extend canvas</h2>
        <p className="outpaint-note">Now {size}. New pixels are generated; the photo itself stays exactly as it is.</p>
        <div className="outpaint-modes" role="radiogroup">
          <label>
            <input
              type="radio"
              checked={s.mode === 'pixels'}
              onChange={() => setOutpaint({ mode: 'pixels' })}
              data-testid="outpaint-mode-pixels"
            />{' '}
            Pixels per side
          </label>
          <label>
            <input
              type="radio"
              checked={s.mode === 'aspect'}
              onChange={() => setOutpaint({ mode: 'aspect' })}
              data-testid="outpaint-mode-aspect"
            />{' '}
            Aspect ratio
          </label>
        </div>
        {s.mode === 'pixels' ? (
          <div className="fill-form">
            {SIDES.map((side) => (
              <label key={side}>
                <span>{side[0]!.toUpperCase() + side.slice(1)}</span>
                <input
                  type="number"
                  min={0}
                  max={4096}
                  step={8}
                  value={s.pixels[side]}
                  data-testid={`outpaint-${side}`}
                  onChange={(e) => setOutpaint({ pixels: { ...s.pixels, [side]: clampNumber(e.currentTarget.value, 0, 4096, 0) } })}
                />
              </label>
            ))}
          </div>
        ) : (
          <div className="outpaint-aspects">
            {ASPECTS.map((a) => (
              <button
                type="button"
                key={a.label}
                aria-pressed={s.aspect === a.label}
                data-testid={`outpaint-aspect-${a.label}`}
                onClick={() => setOutpaint({ aspect: a.label })}
              >
                {a.label}
              </button>
            ))}
          </div>
        )}
        <p className="outpaint-result" data-testid="outpaint-result-size">
          {result ? `Result: ${result} px (outlined on the canvas)` : 'Choose how much to add on at least one side.'}
        </p>
        <div className="fill-form">
          <label>
            <span>Prompt</span>
            <input
              type="text"
              value={s.prompt}
              placeholder="optional: what the new area shows"
              data-testid="outpaint-prompt"
              onChange={(e) => setOutpaint({ prompt: e.currentTarget.value })}
            />
          </label>
          <SeedField
            value={s.seed}
            onChange={(v) => setOutpaint({ seed: v })}
            testId="outpaint-seed"
            title="Leave empty for a new result each time; a number repeats a result exactly"
          />
        </div>
        <OutpaintEstimate />
        <div className="generate-buttons">
          <button type="button" onClick={closeOutpaint}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="outpaint-run" disabled={!extendRequest(s)}>
            Extend
          </button>
        </div>
      </form>
    </dialog>
  );
}

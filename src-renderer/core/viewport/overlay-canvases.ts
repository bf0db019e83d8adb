// Runs in: renderer. Canvases for mask overlays (selections, the hover preview), kept at their size. In a
// software-rendered Chromium the first pixels put into a canvas after it is created or resized cost
// ~1–1.5 ms (its backing store is made then), against ~0.1 ms into one that already has it. So an
// overlay canvas only ever grows (in 128-px steps), its mask is drawn into the top-left corner and the
// view crops to it; a selection that is new takes a spare whose backing store was made in idle time.

const STEP = 128;
const SPARES = 2;
const spares: HTMLCanvasElement[] = [];
/** The size spares are made at: the largest overlay drawn lately (grown in steps), at least one step. */
let spareSize = { width: STEP, height: STEP };
let refilling = false;

const stepUp = (n: number) => Math.max(STEP, Math.ceil(n / STEP) * STEP);

/** Makes `canvas` at least width × height, never smaller (growing clears it). */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): void {
  if (canvas.width >= width && canvas.height >= height) return;
  canvas.width = stepUp(Math.max(width, canvas.width));
  canvas.height = stepUp(Math.max(height, canvas.height));
}

/** Remembers how large overlays are, so the next spares need not grow. */
export function noteOverlaySize(width: number, height: number): void {
  spareSize = { width: Math.max(spareSize.width, stepUp(width)), height: Math.max(spareSize.height, stepUp(height)) };
}

/** A canvas for a new overlay: a spare made in idle time when there is one (more are made after). */
export function spareCanvas(): HTMLCanvasElement {
  const canvas = spares.pop() ?? document.createElement('canvas');
  refillSpares();
  return canvas;
}

function madeSpare(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = spareSize.width;
  canvas.height = spareSize.height;
  // Putting pixels once is what makes the backing store (and the context): the cost a click must not pay.
  canvas.getContext('2d')!.putImageData(new ImageData(canvas.width, canvas.height), 0, 0);
  return canvas;
}

/** Tops the spares up in idle time (never while the user waits for a frame). */
export function refillSpares(): void {
  if (refilling || spares.length >= SPARES) return;
  refilling = true;
  const refill = () => {
    refilling = false;
    // A spare smaller than overlays have become would grow on use: make it again at the current size.
    for (let i = spares.length - 1; i >= 0; i--)
      if (spares[i]!.width < spareSize.width || spares[i]!.height < spareSize.height) spares.splice(i, 1);
    while (spares.length < SPARES) spares.push(madeSpare());
  };
  if ('requestIdleCallback' in window) requestIdleCallback(refill, { timeout: 1000 });
  else setTimeout(refill, 100);
}

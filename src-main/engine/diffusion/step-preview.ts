// Runs in: engine process. Per-step previews for the jobs bar: the pipeline's latent preview (1/8 of the
// crop, no VAE run) as a tiny WebP data URL, at most ~2 a second — a few KB each, so the progress events
// stay cheap. Encoding runs beside the next UNet call; a preview that arrives after the job ended is
// dropped by the job queue.
import sharp from 'sharp';
import type { JobControl } from '../jobs/job-queue';
import type { Preview } from './latent-preview';

const MIN_GAP_MS = 500;
export const MAX_PREVIEW_CHARS = 24_000;

export function stepPreviews(
  job: Pick<JobControl, 'preview' | 'signal'>,
  now: () => number = () => performance.now(),
): (variant: number, step: number, p: Preview) => void {
  let lastAt = -Infinity;
  let encoding = false;
  return (_variant, _step, p) => {
    const t = now();
    if (encoding || t - lastAt < MIN_GAP_MS || job.signal.aborted) return;
    lastAt = t;
    encoding = true;
    encodePreview(p)
      .then((url) => job.preview(url))
      .catch(() => undefined) // a preview is a nicety: never a reason to fail the job
      .finally(() => (encoding = false));
  };
}

export async function encodePreview(p: Preview): Promise<string> {
  const webp = await sharp(Buffer.from(p.rgb.buffer, p.rgb.byteOffset, p.rgb.byteLength), {
    raw: { width: p.width, height: p.height, channels: 3 },
  })
    .webp({ quality: 60 })
    .toBuffer();
  const url = `data:image/webp;base64,${webp.toString('base64')}`;
  // The progress event's limit (job-payloads.ts); a huge crop's preview is skipped rather than sent.
  if (url.length > MAX_PREVIEW_CHARS) throw new RangeError(`preview too large (${url.length} chars)`);
  return url;
}

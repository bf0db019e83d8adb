// Runs in: vitest (node). Step previews: the queue sends one with the last progress figures while the
// job runs and drops a late one; the diffusion side sends at most ~2 a second as a small WebP data URL.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { JobProgressSchema, type JobProgress } from '../../../src-shared/contract/job-payloads';
import { newJobId } from '../../../src-shared/document/ids';
import type { EngineContext } from '../../../src-main/engine/engine-context';
import { JobQueue, type JobControl } from '../../../src-main/engine/jobs/job-queue';
import { encodePreview, stepPreviews } from '../../../src-main/engine/diffusion/step-preview';
import { latentPreview } from '../../../src-main/engine/diffusion/latent-preview';

function recordingContext(): { ctx: EngineContext; events: JobProgress[] } {
  const events: JobProgress[] = [];
  const ctx = {
    emit: (name: string, payload: unknown) => name === 'job.progress' && events.push(payload as JobProgress),
  } as unknown as EngineContext;
  return { ctx, events };
}

const preview = () =>
  latentPreview(
    Float32Array.from({ length: 4 * 64 * 48 }, (_, i) => Math.sin(i / 7)),
    64,
    48,
  );

describe('step previews', () => {
  it('the queue sends a preview with the last progress figures, and none after the job ended', async () => {
    const { ctx, events } = recordingContext();
    let control!: JobControl;
    const id = newJobId();
    await new JobQueue().run(ctx, id, 'inpaint', async (job) => {
      control = job;
      job.report(3, 10, 'step 3');
      job.preview('data:image/webp;base64,AAAA');
    });
    control.preview('data:image/webp;base64,BBBB');
    const withPreview = events.filter((e) => e.preview);
    expect(withPreview).toHaveLength(1);
    expect(withPreview[0]).toMatchObject({
      jobId: id,
      state: 'running',
      done: 3,
      total: 10,
      phase: 'step 3',
      preview: 'data:image/webp;base64,AAAA',
    });
    expect(events.at(-1)?.state).toBe('done');
  });

  it('encodes a small WebP the contract accepts', async () => {
    const url = await encodePreview(preview());
    expect(url.length).toBeLessThan(8000);
    const meta = await sharp(Buffer.from(url.split(',')[1]!, 'base64')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 64, 48]);
    expect(
      JobProgressSchema.safeParse({ jobId: newJobId(), kind: 'inpaint', state: 'running', done: 1, total: 2, phase: 'x', preview: url })
        .success,
    ).toBe(true);
  });

  it('sends at most one preview per half second, none once cancelled', async () => {
    let t = 0;
    const sent: string[] = [];
    const abort = new AbortController();
    const onPreview = stepPreviews({ signal: abort.signal, preview: (u) => sent.push(u) }, () => t);
    const p = preview();
    onPreview(0, 0, p);
    await new Promise((r) => setTimeout(r, 50));
    t = 200;
    onPreview(0, 1, p);
    t = 600;
    await new Promise((r) => setTimeout(r, 50));
    onPreview(0, 2, p);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(2);
    abort.abort();
    t = 2000;
    onPreview(0, 3, p);
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(2);
  });
});

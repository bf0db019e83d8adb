// Runs in: test tooling. One engine test session with the four SAM stand-in packs installed, a segment
// service, and scenes opened as real image files through image.open's pipeline (memoised per file).
import type { AssetId } from '../../../src-shared/document/ids';
import type { EngineContext } from '../../../src-main/engine/engine-context';
import type { SegmentService } from '../../../src-main/engine/segment/segment-service';
import { writeStandins } from '../../../src-main/standins/index';
import { BLUE, GREEN, RED, type Scene } from '../../../src-main/standins/sam/scenes';
import { makeSession, type TestSession } from '../../helpers/images';
import { openFile, sceneFile, type SceneFormat } from '../../helpers/scenes';

export const SAM_PACKS = ['mobilesam', 'sam-vit-b', 'standin-sam1-nchw', 'sam2.1-tiny'] as const;
export type SamPackId = (typeof SAM_PACKS)[number];

/** 4000×3000 (12 MP): a red rectangle and a green disc on blue. */
export const PHOTO_12MP: Scene = {
  width: 4000,
  height: 3000,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: RED, x0: 800, y0: 1100, x1: 1900, y1: 2000 },
    { kind: 'disc', rgb: GREEN, cx: 3000, cy: 900, r: 450 },
  ],
};

export interface SegmentFixture {
  session: TestSession;
  ctx: EngineContext;
  service: SegmentService;
  open(scene: Scene, format: SceneFormat): Promise<AssetId>;
  cleanup(): Promise<void>;
}

export async function segmentFixture(packs: readonly string[] = SAM_PACKS): Promise<SegmentFixture> {
  const session = await makeSession();
  await writeStandins(session.ctx.modelsDir, (id) => packs.includes(id));
  const service = session.ctx.services.segment;
  const opened = new Map<string, Promise<AssetId>>();
  return {
    session,
    ctx: session.ctx,
    service,
    open(scene, format) {
      const k = `${scene.width}x${scene.height}:${JSON.stringify(scene.shapes)}:${format}`;
      if (!opened.has(k))
        opened.set(
          k,
          sceneFile(scene, format).then((bytes) => openFile(session, bytes)),
        );
      return opened.get(k)!;
    },
    async cleanup() {
      await service.flush();
      await session.cleanup();
    },
  };
}

/** A result as it would cross a JSON boundary (binary as base64): its size in bytes. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v)));
}

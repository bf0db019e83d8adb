// Runs in: tests (node). A click commits the answer its press started only when it asks for exactly what
// the press asked (the selection's key aside); anything else goes to the engine as its own request.
import { describe, expect, it } from 'vitest';
import type { AssetId, LayerId } from '../../../src-shared/document/ids';
import { buildRunRequest, withPoint } from '../../../src-renderer/selection/prompt';
import { PressAnswer } from '../../../src-renderer/segment/press-answer';

const assetId = 'a_abcdefgh' as AssetId;
const logits = { encoding: 'i8-grad-deflate-raw' as const, size: 256 as const, scale: 16 as const, base64: 'AA==' };
const placement = {
  kind: 'sam1-crop' as const,
  width: 1500,
  height: 1000,
  crop: { width: 1024, height: 683 },
  sourceRect: { x: 0, y: 0, width: 256, height: 170.75 },
};
const point = { x: 640, y: 575, label: 1 as const };

describe('a press’s answer', () => {
  it('is the click’s when the click asks the same of the same image (the press is sent under another key)', async () => {
    const press = new PressAnswer<string>();
    // The press is built before the selection exists (a stand-in id); the click under the new selection's id.
    press.remember(
      buildRunRequest({ id: 'hover' as LayerId, assetId, sam: null }, withPoint({ points: [] }, point)),
      Promise.resolve('answer'),
    );
    const taken = press.take(buildRunRequest({ id: 'l_new' as LayerId, assetId, sam: null }, withPoint({ points: [] }, point)));
    expect(await taken).toBe('answer');
    // One click per press: asking again finds nothing.
    expect(press.take(buildRunRequest({ id: 'l_new' as LayerId, assetId, sam: null }, withPoint({ points: [] }, point)))).toBeNull();
  });

  it('is not the click’s when the prompt, the previous mask or the image differ', () => {
    const sam = { packId: 'mobilesam', resultId: 'r_abcdef12', candidateIndex: 1, logits, placement };
    const base = { id: 'l_sel' as LayerId, assetId, sam };
    const pressed = buildRunRequest(base, withPoint({ points: [] }, point));
    const cases = [
      buildRunRequest(base, withPoint({ points: [] }, { ...point, x: 641 })), // the point moved
      buildRunRequest(base, withPoint({ points: [] }, { ...point, label: 0 })), // an exclude click
      buildRunRequest(base, withPoint({ points: [{ x: 1, y: 1, label: 1 }] }, point)), // an earlier click landed in between
      buildRunRequest({ ...base, sam: { ...sam, resultId: 'r_fedcba21' } }, withPoint({ points: [] }, point)), // refines another result
      buildRunRequest({ ...base, assetId: 'a_hgfedcba' as AssetId }, withPoint({ points: [] }, point)), // another image
    ];
    for (const req of cases) {
      const press = new PressAnswer<string>();
      press.remember(pressed, Promise.resolve('answer'));
      expect(press.take(req)).toBeNull();
    }
  });
});

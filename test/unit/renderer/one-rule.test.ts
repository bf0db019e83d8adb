// Runs in: vitest (node). The rules the fill, Remove, Generate and Extend Canvas paths share, each in one
// place: which selection they act on, and how a job's result lands as a layer (one undo step, the selection's
// tint hidden, the new layer active; nothing changed and no stray asset view when it cannot land).
import { beforeEach, describe, expect, it } from 'vitest';
import type { AssetInfo } from '../../../src-shared/contract/payloads';
import type { LayerId } from '../../../src-shared/document/ids';
import type { EditorDocument, ImageLayer } from '../../../src-shared/document/types';
import { commitResultLayer, landResult, type JobResult } from '../../../src-renderer/jobs/result-layer';
import { targetSelectionIn } from '../../../src-renderer/selection/target';
import { getState, initialState, setState } from '../../../src-renderer/core/state/editor-store';
import { photoDocument } from '../../helpers/documents';

const sel = (id: string) => ({
  id,
  kind: 'selection',
  name: id,
  visible: true,
  colour: '#ff0000',
  assetId: 'A1',
  prompt: { points: [] },
  sam: null,
  strokes: [],
  ops: [],
});
const doc = () => photoDocument('A1', [sel('S1'), sel('S2')]);
const photo = () => doc().layers[0] as ImageLayer;
const result = (name: string): JobResult => ({
  asset: { id: 'a_result01', width: 4, height: 3 } as unknown as AssetInfo,
  url: '/files/result.png',
  proxyWidth: 4,
  proxyHeight: 3,
  x: 2,
  y: 5,
  name,
});

beforeEach(() => setState({ ...initialState, document: doc(), activeLayerId: 'L1' as LayerId }));

describe('the target selection', () => {
  it('is the active layer when it is a selection, else the one open for clicks, else none', () => {
    const d = doc();
    expect(targetSelectionIn(d, 'S2' as LayerId, 'S1' as LayerId)?.id).toBe('S2');
    expect(targetSelectionIn(d, 'L1' as LayerId, 'S1' as LayerId)?.id).toBe('S1');
    expect(targetSelectionIn(d, 'L1' as LayerId, 'L1' as LayerId)).toBeNull();
    expect(targetSelectionIn(d, null, 'gone' as LayerId)).toBeNull();
    expect(targetSelectionIn(null, 'S1' as LayerId, null)).toBeNull();
  });
});

describe('a job result landing as a layer', () => {
  it('goes right above its photo with the selection hidden, in one undo step, and becomes active', () => {
    expect(commitResultLayer('Content-aware fill', photo(), result('Fill (PatchMatch, seed 7)'), 'S1' as LayerId)).toBe(true);
    const s = getState();
    expect(s.document!.layers.map((l) => [l.id === s.activeLayerId ? 'active' : l.id, l.visible])).toEqual([
      ['L1', true],
      ['active', true],
      ['S1', false],
      ['S2', true],
    ]);
    expect(s.document!.layers[1]).toMatchObject({
      kind: 'image',
      name: 'Fill (PatchMatch, seed 7)',
      assetId: 'a_result01',
      x: 2,
      y: 5,
      width: 4,
      height: 3,
    });
    expect(s.assets['a_result01' as keyof typeof s.assets]?.url).toBe('/files/result.png');
    expect(s.history.undo).toHaveLength(1);
  });

  it('changes nothing and forgets its asset view when the document cannot take it', () => {
    const before = getState().document as EditorDocument;
    expect(landResult('Extend canvas', result('Extended canvas (seed 1)'), () => false)).toBeNull();
    expect(getState().document).toBe(before);
    expect(getState().assets).toEqual({});
    expect(getState().history.undo).toHaveLength(0);
  });
});

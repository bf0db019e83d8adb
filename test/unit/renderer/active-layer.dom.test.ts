// Runs in: vitest (node; type-checked with the DOM types, as Delete reaches the bridge). Exactly one thing
// is active and the panels agree on it (issue 16): a document opened or restored with selections on top
// starts with its photo active, no selection open; Delete with a selection removes the selection and leaves
// the photo active; with nothing selected it removes nothing; deselecting hands the active row to the photo.
import { beforeEach, describe, expect, it } from 'vitest';
import type { LayerId } from '../../../src-shared/document/ids';
import { loadDocument } from '../../../src-renderer/core/state/document-actions';
import { getState } from '../../../src-renderer/core/state/editor-store';
import { deleteSelection, deselect } from '../../../src-renderer/selection/select-commands';
import { setActiveSelection } from '../../../src-renderer/selection/selection-actions';
import { getSelectionUi } from '../../../src-renderer/selection/selection-store';
import { photoDocument } from '../../helpers/documents';

const selection = (id: string) => ({
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

describe('the active layer', () => {
  beforeEach(() => {
    loadDocument(photoDocument('A1', [selection('S1'), selection('S2')]), {});
    setActiveSelection(null);
  });

  it('after opening or restoring, the photo is active, not the top selection', () => {
    expect(getState().activeLayerId).toBe('L1');
    expect(getSelectionUi().activeId).toBeNull();
  });

  it('Delete removes the open selection only and the photo becomes active; with nothing selected nothing goes', () => {
    setActiveSelection('S2' as LayerId);
    expect(getState().activeLayerId).toBe('S2');
    deleteSelection();
    expect(getState().document!.layers.map((l) => l.id)).toEqual(['L1', 'S1']);
    expect(getState().activeLayerId).toBe('L1');
    deleteSelection();
    deleteSelection();
    expect(getState().document!.layers.map((l) => l.id)).toEqual(['L1', 'S1']);
    expect(getState().messages.at(-1)?.text).toMatch(/Layer › Delete Layer/);
  });

  it('deselect closes the selection and makes its photo the active layer', () => {
    setActiveSelection('S1' as LayerId);
    deselect();
    expect(getSelectionUi().activeId).toBeNull();
    expect(getState().activeLayerId).toBe('L1');
  });
});

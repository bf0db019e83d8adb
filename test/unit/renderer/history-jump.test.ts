// Runs in: vitest (node). A click in the history panel: the document moves to exactly that step in ONE
// store change, however many undo or redo steps lie in between.
import { describe, expect, it } from 'vitest';
import type { EditorDocument } from '../../../src-shared/document/types';
import { goToStep } from '../../../src-renderer/history/history-actions';
import { changeDocument, loadDocument } from '../../../src-renderer/core/state/document-actions';
import { getState, useEditor } from '../../../src-renderer/core/state/editor-store';
import { renameLayer, setLayerOpacity, setLayerVisible } from '../../../src-renderer/core/state/layer-actions';
import { photoDocument } from '../../helpers/documents';

const doc = photoDocument();
const layer = () => getState().document!.layers[0] as Extract<EditorDocument['layers'][number], { kind: 'image' }>;

describe('goToStep', () => {
  it('jumps back and forth in one document change, with layer steps labelled by name', () => {
    loadDocument(doc, {});
    const id = layer().id;
    setLayerVisible(id, false);
    setLayerOpacity(id, 0.5);
    renameLayer(id, 'Beach');
    changeDocument('Nothing', () => undefined); // a no-op is not a step
    expect(getState().history.undo.map((e) => e.label)).toEqual([
      'Hide layer "Photo"',
      'Opacity of layer "Photo"',
      'Rename layer "Photo" to "Beach"',
    ]);

    let changes = 0;
    const off = useEditor.subscribe((s, prev) => void (s.document !== prev.document && changes++));
    goToStep(0);
    expect(changes).toBe(1);
    expect(layer()).toMatchObject({ visible: true, opacity: 1, name: 'Photo' });
    goToStep(2);
    expect(changes).toBe(2);
    expect(layer()).toMatchObject({ visible: false, opacity: 0.5, name: 'Photo' });
    goToStep(2); // already there
    expect(changes).toBe(2);
    off();
    expect(getState().history.redo.map((e) => e.label)).toEqual(['Rename layer "Photo" to "Beach"']);
  });
});

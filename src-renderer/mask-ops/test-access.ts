// Runs in: renderer (only with ?test in the URL, or in a dev build). Read-only access for the e2e tests of
// the mask operations, part of the one test hook (test-hook.ts, `maskOps`): the live preview's op list and
// a selection's mask (with its own ops or with the preview's), replayed by the same previewMask the overlay
// draws with. Nothing here changes the editor.
import type { LayerId } from '../../src-shared/document/ids';
import type { MaskOp } from '../../src-shared/document/selection';
import { findSelection, getSelectionUi, previewMask } from '../selection/api';

export interface MaskOpsTestAccess {
  preview(): { layerId: string; ops: MaskOp[] } | null;
  /** Coverage bytes (0..255) at width × height, row-major; 'preview' uses the live preview's ops when it is for this layer. */
  mask(layerId: string, width: number, height: number, which?: 'document' | 'preview'): Promise<number[] | null>;
}

export function maskOpsTestAccess(): MaskOpsTestAccess {
  return {
    preview() {
      const p = getSelectionUi().preview;
      return p ? structuredClone({ layerId: p.layerId as string, ops: [...p.ops] }) : null;
    },
    async mask(layerId, width, height, which = 'document') {
      const layer = findSelection(layerId as LayerId);
      if (!layer) return null;
      const p = getSelectionUi().preview;
      const ops = which === 'preview' && p?.layerId === layerId ? [...p.ops] : undefined;
      const m = await previewMask(layer, width, height, ops);
      return Array.from(m.data);
    },
  };
}

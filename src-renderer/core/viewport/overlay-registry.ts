// Runs in: renderer. What the overlay shows right now per selection (the mask at preview size), so
// the brush can start painting on it synchronously, and the Konva layers to redraw.
import type Konva from 'konva';
import type { LayerId } from '../../../src-shared/document/ids';
import type { Mask } from '../../../src-shared/masks';

export interface ShownMask {
  readonly mask: Mask;
}

export const shownMasks = new Map<LayerId, ShownMask>();
export const overlayRefs: { interaction: Konva.Layer | null } = { interaction: null };

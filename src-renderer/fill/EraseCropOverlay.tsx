// Runs in: renderer. The learned eraser's crops on the canvas (overlay layer, document coordinates), like
// generative fill's dashed crop: while the Fill panel's method would run an installed eraser (MI-GAN, or
// Auto with one installed), each crop it will use for the target selection — one per group of nearby
// objects — is outlined before Remove. Asked of the engine (erase.plan) a moment after the selection stops
// changing; an answer for a selection that has changed since is dropped.
import { useEffect, useState } from 'react';
import { Group, Label, Rect, Tag, Text } from 'react-konva';
import type { z } from 'zod';
import type { ErasePlanSchema } from '../../src-shared/contract/erase-payloads';
import { getApi } from '../core/bridge/api';
import { useEditor } from '../core/state/editor-store';
import { imageLayerOf } from '../core/viewport/geometry';
import { installedPackIds, useModels } from '../models/api';
import { useTargetSelection } from '../selection/api';
import { useFillSettings } from './fill-settings';

const COLOUR = '#6fe3c5';
const DEBOUNCE_MS = 200;
type Crop = z.infer<typeof ErasePlanSchema>['crops'][number];

export function EraseCropOverlay() {
  const target = useTargetSelection();
  const method = useFillSettings((s) => s.method);
  const eraser = useModels((s) => installedPackIds(s.packs, 'eraser').length > 0);
  const learned = eraser && method !== 'patchmatch' && method !== 'telea';
  const frame = useEditor((s) => (target ? imageLayerOf(s.document, target.assetId) : null));
  const scale = useEditor((s) => s.viewport.scale);
  const [plan, setPlan] = useState<{ selection: unknown; crops: Crop[] } | null>(null);
  useEffect(() => {
    if (!learned || !target) return;
    let alive = true;
    const timer = setTimeout(() => {
      getApi()
        .invoke('erase.plan', { assetId: target.assetId, selection: target })
        .then(
          (r) => alive && setPlan({ selection: target, crops: r.crops }),
          // An empty or whole-image selection has no plan; Remove says why when pressed.
          () => alive && setPlan(null),
        );
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [learned, target]);
  if (!learned || !frame || !plan || plan.selection !== target) return null;
  return (
    <Group x={frame.x} y={frame.y} id="erase-crops">
      {plan.crops.map((r, i) => (
        <Group key={`${r.x},${r.y}`} x={r.x} y={r.y} name="erase-crop" width={r.width} height={r.height}>
          <Rect
            width={r.width}
            height={r.height}
            stroke={COLOUR}
            strokeWidth={1.5}
            dash={[8, 5]}
            strokeScaleEnabled={false}
            listening={false}
          />
          <Label x={4 / scale} y={4 / scale} scaleX={1 / scale} scaleY={1 / scale} listening={false}>
            <Tag fill="rgba(16, 17, 21, 0.8)" cornerRadius={3} />
            <Text text={`Eraser crop ${i + 1} of ${plan.crops.length}: ${r.width} × ${r.height}`} fontSize={12} padding={3} fill={COLOUR} />
          </Label>
        </Group>
      ))}
    </Group>
  );
}

// Runs in: renderer. Generative fill on the canvas (overlay layer, document coordinates): before a run,
// the crop the model will see as a dashed rectangle labelled with its processing size (on a dark tag); while comparing,
// the chosen candidate drawn over its photo right of the before/after divider (not a document layer:
// nothing here is undoable or exported), hidden while the user peeks at the original. While a generation
// runs, its rough step preview covers the crop.
import { useEffect, useState } from 'react';
import { Group, Image as KImage, Label, Line, Rect, Tag, Text } from 'react-konva';
import { useJobs } from '../jobs/api';
import { findSelection, useTargetSelection } from '../selection/api';
import { useProxyImage } from '../core/images/use-proxy-image';
import { imageLayerOf } from '../core/viewport/geometry';
import { useEditor } from '../core/state/editor-store';
import { dividerX, visiblePart } from './compare-geometry';
import { useGenerate, type GenerateResults } from './generate-store';
import { growNote } from './generate-settings';

const PLAN_COLOUR = '#ffcc4d';

/** A data-URL image (step previews): decoded here, never cached — a new one arrives twice a second. */
function useDataImage(url: string | undefined): HTMLImageElement | undefined {
  const [img, setImg] = useState<HTMLImageElement>();
  useEffect(() => {
    if (!url) return setImg(undefined);
    let alive = true;
    const i = new Image();
    i.src = url;
    i.decode().then(
      () => alive && setImg(i),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [url]);
  return url ? img : undefined;
}

function Candidate({ results, ox, oy }: { results: GenerateResults; ox: number; oy: number }) {
  const c = results.candidates[results.chosen]!;
  const image = useProxyImage(c.url);
  const peek = useGenerate((s) => s.peek);
  const split = useGenerate((s) => s.split);
  const rect = { x: c.x, y: c.y, width: c.asset.width, height: c.asset.height };
  const part = visiblePart(rect, results.cropRect, split);
  const crop = results.cropRect;
  const x = dividerX(crop, split);
  return (
    <Group x={ox} y={oy}>
      {image && part && (
        <Group clipX={part.x} clipY={part.y} clipWidth={part.width} clipHeight={part.height} visible={!peek} id="generate-candidate">
          <KImage image={image} x={c.x} y={c.y} width={c.asset.width} height={c.asset.height} listening={false} />
        </Group>
      )}
      {split > 0 && (
        <Line
          points={[x, crop.y, x, crop.y + crop.height]}
          stroke="#fff"
          strokeWidth={2}
          strokeScaleEnabled={false}
          shadowColor="#000"
          shadowBlur={2}
        />
      )}
    </Group>
  );
}

export function GenerateOverlay() {
  const results = useGenerate((s) => s.results);
  const target = useTargetSelection();
  const plan = useGenerate((s) => (s.plan && s.plan.selection === target ? s.plan : null));
  const frame = useEditor((s) => {
    const assetId = results ? findSelection(results.selectionId)?.assetId : target?.assetId;
    return assetId ? imageLayerOf(s.document, assetId) : null;
  });
  const scale = useEditor((s) => s.viewport.scale);
  const preview = useDataImage(useJobs((s) => s.jobs.find((j) => j.progress?.kind === 'inpaint' && j.preview)?.preview));
  if (!frame) return null;
  if (results) return <Candidate results={results} ox={frame.x} oy={frame.y} />;
  if (!plan) return null;
  const { cropRect: r, processingSize: p } = plan;
  return (
    <Group x={frame.x + r.x} y={frame.y + r.y} id="generate-plan">
      {preview && <KImage image={preview} width={r.width} height={r.height} opacity={0.85} id="generate-step-preview" listening={false} />}
      <Rect width={r.width} height={r.height} stroke={PLAN_COLOUR} strokeWidth={1.5} dash={[8, 5]} strokeScaleEnabled={false} />
      {/* On a dark tag: yellow text alone is unreadable over sky, snow or a white wall. */}
      <Label x={4 / scale} y={4 / scale} scaleX={1 / scale} scaleY={1 / scale} id="generate-plan-label" listening={false}>
        <Tag fill="rgba(16, 17, 21, 0.8)" cornerRadius={3} />
        <Text text={`${p.width} × ${p.height}${growNote(plan.maskGrow)}`} fontSize={12} padding={3} fill={PLAN_COLOUR} />
      </Label>
    </Group>
  );
}

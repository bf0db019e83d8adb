// Runs in: renderer. The Selection step's thumbnail: the input picture, the selection's mask tinted over it
// (the same preview-mask replay the canvas overlay uses) and the prompt's box, detection and points on top.
import { useEffect, useRef } from 'react';
import type { SelectionLayer } from '../../src-shared/document/selection';
import { loadImage } from '../core/images/image-cache';
import { maskCanvas, previewMask } from '../selection/api';

const SIDE = 160;

export function SelectionThumb({
  selection,
  imageUrl,
  width,
  height,
}: {
  selection: SelectionLayer;
  imageUrl: string | undefined;
  width: number;
  height: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const k = Math.min(SIDE / width, SIDE / height);
  const w = Math.max(1, Math.round(width * k));
  const h = Math.max(1, Math.round(height * k));
  useEffect(() => {
    let live = true;
    void (async () => {
      const [img, mask] = await Promise.all([
        imageUrl ? loadImage(imageUrl).catch(() => null) : null,
        previewMask(selection, w, h).catch(() => null),
      ]);
      const ctx = ref.current?.getContext('2d');
      if (!live || !ctx) return;
      ctx.clearRect(0, 0, w, h);
      if (img) ctx.drawImage(img, 0, 0, w, h);
      if (mask) ctx.drawImage(maskCanvas(mask, selection.colour), 0, 0);
      const box = (b: { x0: number; y0: number; x1: number; y1: number }, colour: string) => {
        ctx.strokeStyle = colour;
        ctx.lineWidth = 1.5;
        ctx.strokeRect(b.x0 * k, b.y0 * k, (b.x1 - b.x0) * k, (b.y1 - b.y0) * k);
      };
      if (selection.prompt.detection) box(selection.prompt.detection.box, '#ffd400');
      if (selection.prompt.box) box(selection.prompt.box, '#00d0ff');
      const clicks = [
        ...selection.prompt.points,
        ...(selection.wand ?? []).map((s) => ({ x: s.x, y: s.y, label: s.mode === 'subtract' ? 0 : 1 })),
      ];
      for (const p of clicks) {
        ctx.fillStyle = p.label === 1 ? '#2ecc71' : '#e74c3c';
        ctx.beginPath();
        ctx.arc(p.x * k, p.y * k, 3, 0, Math.PI * 2);
        ctx.fill();
      }
    })();
    return () => {
      live = false;
    };
  }, [selection, imageUrl, w, h, k]);
  return <canvas ref={ref} width={w} height={h} className="pipeline-thumb" data-testid="pipeline-selection-thumb" />;
}

// Runs in: renderer (pure). The mask-operations panel's logic without React: which op a control makes
// from its value, whether that op changes anything, its undo label, and the preview op list.
import type { MaskOp } from '../../src-shared/document/selection';

/** Controls whose value is dragged (live preview while dragging, commit on release). */
export type SliderOp = 'grow' | 'feather' | 'smooth' | 'removeIslands';

export interface SliderSpec {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Where the slider rests: a value that does nothing (islands keeps its last size instead). */
  readonly rest: number;
  readonly unit: string;
}

export const SLIDERS: Readonly<Record<SliderOp, SliderSpec>> = {
  grow: { min: -100, max: 100, step: 1, rest: 0, unit: 'px' },
  feather: { min: 0, max: 50, step: 1, rest: 0, unit: 'px' },
  smooth: { min: 0, max: 50, step: 1, rest: 0, unit: 'px' },
  // Area in image pixels; the slider is linear in its square root so small sizes stay reachable.
  removeIslands: { min: 1, max: 200, step: 1, rest: 20, unit: 'px²' },
};

/** The islands slider (1..200) ↔ an area in pixels (its square, ≥ 1). */
export const islandAreaOf = (slider: number): number => Math.max(1, Math.round(slider) ** 2);

/**
 * Where the range input sits for a value, and back. Grow is signed-quadratic (value = ±p²/100 for a
 * position p in −100..100): 2 px a screen pixel was too coarse (a 6-px drag gave +12 px); now a 6-px drag
 * near 0 is about 1 px and the ends still reach ±100. The others are linear (islands is already square).
 */
export function sliderPosition(kind: SliderOp, value: number): number {
  return kind === 'grow' ? Math.sign(value) * Math.sqrt(100 * Math.abs(value)) : value;
}

export function sliderValueAt(kind: SliderOp, position: number): number {
  return kind === 'grow' ? Math.sign(position) * Math.round((position * position) / 100) : position;
}

/** A value after an arrow key (±1 of the value itself, PageUp/PageDown ±10), kept in range. */
export function steppedValue(kind: SliderOp, value: number, key: string): number | null {
  const by = ({ ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 } as Record<string, number>)[key];
  if (by === undefined) return null;
  return clampTo(SLIDERS[kind], value + by);
}

/** What the number box shows: the value in its unit (islands: the area in px). */
export const typedText = (kind: SliderOp, value: number): string =>
  String(kind === 'removeIslands' ? islandAreaOf(value) : clampTo(SLIDERS[kind], value));

/** A typed number as the slider's value (islands: an area → its square root), or null when not a number. */
export function typedValue(kind: SliderOp, text: string): number | null {
  const n = Number.parseFloat(text);
  if (!Number.isFinite(n)) return null;
  return clampTo(SLIDERS[kind], kind === 'removeIslands' ? Math.sqrt(Math.max(1, n)) : n);
}

function clampTo(spec: SliderSpec, v: number): number {
  if (!Number.isFinite(v)) return spec.rest;
  return Math.min(spec.max, Math.max(spec.min, Math.round(v / spec.step) * spec.step));
}

/** The op a slider value makes, or null when it would change nothing (grow 0, feather 0, …). */
export function sliderOp(kind: SliderOp, value: number): MaskOp | null {
  const v = clampTo(SLIDERS[kind], value);
  switch (kind) {
    case 'grow':
      return v === 0 ? null : { kind: 'grow', px: v };
    case 'feather':
      return v <= 0 ? null : { kind: 'feather', radius: v };
    case 'smooth':
      return v <= 0 ? null : { kind: 'smooth', radius: v };
    case 'removeIslands':
      return { kind: 'removeIslands', minArea: islandAreaOf(v) };
  }
}

/** How a slider's value reads next to it. */
/** toLocaleString builds a formatter per call: one, made once (sliders redraw on every selection change). */
const grouped = new Intl.NumberFormat('en-US');

export function sliderText(kind: SliderOp, value: number): string {
  const v = clampTo(SLIDERS[kind], value);
  if (kind === 'grow') return v > 0 ? `+${v} px` : `${v} px`;
  if (kind === 'removeIslands') return `< ${grouped.format(islandAreaOf(v))} px`;
  return `${v} px`;
}

/** The undo step's name for an op, e.g. "Grow 8 px", "Shrink 3 px", "Remove islands < 400 px". */
export function opLabel(op: MaskOp): string {
  switch (op.kind) {
    case 'fillHoles':
      return 'Fill holes';
    case 'removeIslands':
      return `Remove islands < ${grouped.format(op.minArea)} px`;
    case 'grow':
      return op.px >= 0 ? `Grow ${fmt(op.px)} px` : `Shrink ${fmt(-op.px)} px`;
    case 'feather':
      return `Feather ${fmt(op.radius)} px`;
    case 'smooth':
      return `Smooth ${fmt(op.radius)} px`;
    case 'invert':
      return 'Invert selection';
  }
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

export const RESET_LABEL = 'Reset operations';

/** The ops the live preview replays: the layer's own, then the pending one. */
export const previewOps = (ops: readonly MaskOp[], pending: MaskOp): MaskOp[] => [...ops, pending];

/** Ops are capped by the document schema; a full list accepts no more. */
export const MAX_OPS = 100;
export const canAddOp = (ops: readonly MaskOp[]): boolean => ops.length < MAX_OPS;

/** A short list of what was applied, for the panel ("Grow 8 px → Feather 2 px"). */
export function opsSummary(ops: readonly MaskOp[]): string {
  if (ops.length === 0) return 'No operations yet';
  const shown = ops.slice(-3).map(opLabel);
  return (ops.length > 3 ? `… → ` : '') + shown.join(' → ');
}

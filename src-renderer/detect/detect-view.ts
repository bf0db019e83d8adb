// Runs in: renderer (pure). What the text-selection panel shows and sends, with no React or store:
// the prompt hint, threshold formatting, the phrase preview, and detections → selection inits.
import type { z } from 'zod';
import type { DetectionSchema } from '../../src-shared/contract/detect-payloads';
import type { SegmentRunResultSchema } from '../../src-shared/contract/segment-payloads';
import type { AssetId } from '../../src-shared/document/ids';
import type { SelectionLayer } from '../../src-shared/document/selection';
import { splitPhrases } from '../../src-shared/text/phrases';
import { chosenWithLogits } from '../core/bridge/chosen-candidate';

export type Detection = z.infer<typeof DetectionSchema>;
export type SegmentRunResult = z.infer<typeof SegmentRunResultSchema>;

/** Grounding DINO's usual defaults (model-contracts §4). */
export const DEFAULT_BOX_THRESHOLD = 0.35;
export const DEFAULT_TEXT_THRESHOLD = 0.25;

export const PROMPT_HINT = 'Separate things with a full stop, e.g. "dog. red car. tree".';
export const PROMPT_PLACEHOLDER = 'What to select, e.g. "red car. tree"';

/** The phrases the engine will look for: the engine's own rule. */
export const promptPhrases = splitPhrases;

/** One line under the input: how the prompt will be read. */
export function phraseSummary(text: string): string {
  const phrases = promptPhrases(text);
  if (phrases.length === 0) return PROMPT_HINT;
  if (phrases.length === 1) return `Looking for: ${phrases[0]}`;
  return `Looking for ${phrases.length} things: ${phrases.join(' · ')}`;
}

/** A threshold as the slider label shows it: two decimals. */
export const formatThreshold = (t: number): string => clamp01(t).toFixed(2);

/** A score as a whole percent. */
export const formatScore = (score: number): string => `${Math.round(clamp01(score) * 100)} %`;

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

/** Slider value (0..100 integer) ↔ threshold (0..1, two decimals). */
export const thresholdFromSlider = (v: number): number => Math.round(Math.min(100, Math.max(0, v))) / 100;
export const sliderFromThreshold = (t: number): number => Math.round(clamp01(t) * 100);

/** The accept button: "Select 1 object" / "Select 3 objects"; nothing ticked reads "Select objects". */
export function acceptLabel(count: number): string {
  if (count <= 0) return 'Select objects';
  return `Select ${count} ${count === 1 ? 'object' : 'objects'}`;
}

/** The history label of accepting detections (one undo step for all of them). */
export const acceptHistoryLabel = (count: number): string => (count === 1 ? 'Select by text' : `Select ${count} objects by text`);

/** Detections in the order the list shows them (by their 1-based index), ticked ones only. */
export function tickedDetections(detections: readonly Detection[], checked: ReadonlySet<number>): Detection[] {
  return [...detections].sort((a, b) => a.index - b.index).filter((d) => checked.has(d.index));
}

/** Every detection ticked: the default after a run. */
export const allTicked = (detections: readonly Detection[]): Set<number> => new Set(detections.map((d) => d.index));

/** A name for the selection: the detection's label, else its phrase, else "Object N"; at most 200 chars. */
export function selectionName(d: Detection): string {
  const name = d.label.trim() || d.phrase.trim() || `Object ${d.index}`;
  return name.slice(0, 200);
}

export interface SelectionInit {
  assetId: AssetId;
  prompt: SelectionLayer['prompt'];
  sam: SelectionLayer['sam'];
  name?: string;
}

export { chosenCandidate } from '../core/bridge/chosen-candidate';

/** One detection + its box's SAM answer → what createSelection needs. */
export function selectionInitOf(assetId: AssetId, d: Detection, seg: SegmentRunResult): SelectionInit {
  const box = { x0: d.box.x0, y0: d.box.y0, x1: d.box.x1, y1: d.box.y1 };
  const c = chosenWithLogits(seg);
  return {
    assetId,
    name: selectionName(d),
    prompt: { points: [], box, detection: { label: d.label, score: d.score, box: { ...box } } },
    sam: {
      packId: seg.packId,
      resultId: seg.resultId,
      candidateIndex: Math.min(3, Math.max(0, c.index)),
      logits: c.logits,
      placement: seg.placement,
    },
  };
}

/** Progress text while segmenting: "Selecting 2 of 3…". */
export const progressText = (done: number, total: number): string => `Selecting ${Math.min(done + 1, total)} of ${total}…`;

/** Where a box's number tag goes, and its text, in document coordinates (the layer's offset added). */
export function boxRect(d: Detection, offset: { x: number; y: number }): { x: number; y: number; width: number; height: number } {
  const x0 = Math.min(d.box.x0, d.box.x1);
  const y0 = Math.min(d.box.y0, d.box.y1);
  return { x: x0 + offset.x, y: y0 + offset.y, width: Math.abs(d.box.x1 - d.box.x0), height: Math.abs(d.box.y1 - d.box.y0) };
}

/** A distinct colour per detection number (stable across runs). */
const BOX_COLOURS = ['#ffb020', '#3ecf8e', '#4c9aff', '#ff6bb5', '#b48cff', '#2fd3e0', '#ff7a45', '#c6e04c'];
export const boxColour = (index: number): string => BOX_COLOURS[(Math.max(1, index) - 1) % BOX_COLOURS.length]!;

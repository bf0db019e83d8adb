// Runs in: CLI and tests (Node). The Grounding DINO stand-in graphs (onnx-community and IDEA-style I/O).
// [Note: stand-in GDINO] Analytic behaviour, per image b:
// - Queries 0..5 belong to the colours of colours.ts. Query k is active when colour k's BERT id occurs in
//   input_ids (attention 1) and some pixel matches colour k (colour-boxes.ts). Its logits are +6 at every
//   position holding that colour token, −3 at the other tokens of the phrase, and its box is the colour
//   region's box. Inactive queries and queries 6..899: logit −8 everywhere, box (0.5,0.5,0.2,0.2).
// - "Phrase": onnx-community bakes a one-phrase text mask, so every valid token counts; IDEA-style takes
//   text_token_mask as input and uses the colour token's block of it.
// - Positions with attention_mask 0 and positions L..255 are −inf (pre-sigmoid logits, as the real ones).
// - Square-only (the default gdino-tiny, like onnx-community's traced export): height and width are
//   declared symbolic, but the pixels are reshaped to a baked [−1, 3, S, S] (mask [−1, S, S]), as a
//   traced Swin reshapes to its baked token grid. Any other size fails at run time (element count not
//   a multiple of S², or a batch that no longer matches the text's), or, at H·W = S² but not square,
//   boxes the scrambled rows: wrong places.
import type { GraphBuilder } from '../graph-builder';
import { COLOURS } from '../tokenizers/colours';
import { colourBoxes } from './colour-boxes';
import { addFusionTrap } from './fusion-trap';

export const NUM_QUERIES = 900;
export const MAX_TEXT_LEN = 256;
const K = COLOURS.length;
const FLOAT = 1;
const BOOL = 9;
const [HIGH, PHRASE, LOW] = [6, -3, -8];

export type GdinoStyle = 'onnx-community' | 'idea';

export interface GdinoQuirks {
  /** The one S×S input size the graph works at (see the note); absent: any size. */
  squareOnly?: number;
  /** Fails to load with full graph optimisation, loads with 'basic' ([Note: fusion trap]). */
  fusionTrap?: boolean;
}

export function buildGdino(g: GraphBuilder, style: GdinoStyle, { squareOnly, fusionTrap }: GdinoQuirks = {}): void {
  const idea = style === 'idea';
  let pixels = g.input(idea ? 'img' : 'pixel_values', 'float32', ['batch', 3, 'height', 'width']);
  let pixelMask = idea ? null : g.input('pixel_mask', 'int64', ['batch', 'height', 'width']);
  if (squareOnly) {
    pixels = g.op('Reshape', [pixels, g.i64([-1, 3, squareOnly, squareOnly])]);
    if (pixelMask) pixelMask = g.op('Reshape', [pixelMask, g.i64([-1, squareOnly, squareOnly])]);
  }
  const ids = g.input('input_ids', 'int64', ['batch', 'sequence']);
  let attention: string;
  let textMask: string | null = null;
  if (idea) {
    attention = g.input('attention_mask', 'bool', ['batch', 'sequence']);
    g.input('position_ids', 'int64', ['batch', 'sequence']); // consumed by the real text encoder only
    g.input('token_type_ids', 'int64', ['batch', 'sequence']);
    textMask = g.input('text_token_mask', 'bool', ['batch', 'sequence', 'sequence']);
  } else {
    g.input('token_type_ids', 'int64', ['batch', 'sequence']);
    attention = g.op('Cast', [g.input('attention_mask', 'int64', ['batch', 'sequence'])], { to: BOOL });
  }
  const valid = pixelMask ? g.op('Cast', [pixelMask], { to: FLOAT }) : null;
  const { boxes, found } = colourBoxes(g, pixels, valid);

  // tok[b,k,l] = input_ids[b,l] is colour k's id and attended.
  const colourIds = g.i64(
    COLOURS.map((c) => c.bertId),
    [1, K, 1],
  );
  const att3 = g.op('Unsqueeze', [attention, g.i64([1])]); // [B,1,L]
  const isColour = g.op('And', [g.op('Equal', [g.op('Unsqueeze', [ids, g.i64([1])]), colourIds]), att3]);
  const tok = g.op('Cast', [isColour], { to: FLOAT }); // [B,K,L]
  const active = g.op('Mul', [g.op('ReduceMax', [tok], { axes: [2], keepdims: 1 }), g.op('Unsqueeze', [found, g.i64([2])])]);
  let phrase: string;
  if (textMask) {
    const block = g.op('MatMul', [tok, g.op('Cast', [textMask], { to: FLOAT })]); // colour tokens in l's block
    phrase = g.op('Cast', [g.op('Greater', [block, g.f32(0)])], { to: FLOAT });
  } else {
    phrase = g.op('Cast', [att3], { to: FLOAT });
  }
  const lift = g.op('Add', [g.op('Mul', [phrase, g.f32(PHRASE - LOW)]), g.op('Mul', [tok, g.f32(HIGH - PHRASE)])]);
  const colourLogits = g.op('Add', [g.f32(LOW), g.op('Mul', [active, lift])]); // [B,K,L]
  const zerosRow = g.op('Mul', [g.op('Cast', [att3], { to: FLOAT }), g.f32(0)]); // [B,1,L]
  const others = g.op('Expand', [g.op('Add', [zerosRow, g.f32(LOW)]), g.i64([1, NUM_QUERIES - K, 1])]);
  const all = g.op('Concat', [colourLogits, others], { axis: 1 });
  let masked = g.op('Where', [g.op('Not', [att3]), g.f32(-Infinity), all]);
  if (fusionTrap) masked = addFusionTrap(g, ids, masked);
  // Pad the text axis to 256 with −inf, as both the HF and the IDEA heads do.
  const len = g.op('Gather', [g.op('Shape', [ids]), g.i64([1])]);
  const pads = g.op('Concat', [g.i64([0, 0, 0, 0, 0]), g.op('Sub', [g.i64([MAX_TEXT_LEN]), len])], { axis: 0 });
  const logits = g.op('Pad', [masked, pads, g.f32(-Infinity)]);

  const foundBool = g.op('Greater', [g.op('Unsqueeze', [found, g.i64([2])]), g.f32(0)]);
  const dummy = g.f32([0.5, 0.5, 0.2, 0.2], [1, 1, 4]);
  const colourBoxesOut = g.op('Where', [foundBool, boxes, dummy]);
  const batch = g.op('Gather', [g.op('Shape', [ids]), g.i64([0])]);
  const otherShape = g.op('Concat', [batch, g.i64([NUM_QUERIES - K, 4])], { axis: 0 });
  const predBoxes = g.op('Concat', [colourBoxesOut, g.op('Expand', [dummy, otherShape])], { axis: 1 });

  g.output('logits', 'float32', ['batch', NUM_QUERIES, MAX_TEXT_LEN], logits);
  g.output(idea ? 'boxes' : 'pred_boxes', 'float32', ['batch', NUM_QUERIES, 4], predBoxes);
}

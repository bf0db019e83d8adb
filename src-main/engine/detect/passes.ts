// Runs in: engine process (and the CLI). How a prompt becomes model runs. The onnx-community export baked
// its text mask for a one-phrase prompt, so it gets one run per phrase (model-contracts §4.2, Pitfall 8);
// IDEA-style exports take the sub-sentence mask and position ids as inputs, so all phrases go in one run.
import type { Pixels } from '../images/pixels';
import { assemble, cutNotice, fitToLimit, MAX_TEXT_LEN, type PhraseTokens, type Sequence } from './caption';
import type { GdinoModel, PassInputs, RunDeps } from './gdino-session';
import { runPass } from './gdino-session';
import { imagePlane, modelInputSize, type Preprocessor } from './image-input';
import { candidates, type Candidate, type Thresholds } from './postprocess';
import { subSentenceMasks } from './text-masks';

/** Phrases searched at most with a one-run-per-phrase export (each run costs a full image pass). */
export const MAX_PASSES = 16;

export interface PassPlan {
  sequences: Sequence[];
  notices: string[];
}

/** The id sequences to run, and what was cut to get there. */
export function planPasses(phrases: readonly PhraseTokens[], onePerPhrase: boolean, decode: (ids: number[]) => string): PassPlan {
  const fitted = fitToLimit(phrases, decode);
  const notices = [cutNotice(fitted.cut, `The prompt is longer than the model's ${MAX_TEXT_LEN} tokens`)];
  if (!onePerPhrase) return { sequences: [assemble(fitted.phrases)], notices: notices.filter((n) => n !== null) };
  const searched = fitted.phrases.slice(0, MAX_PASSES);
  const skipped = fitted.phrases.slice(MAX_PASSES).map((p) => p.text);
  notices.push(cutNotice(skipped, `Only the first ${MAX_PASSES} phrases are searched (this model needs one run per phrase)`));
  return { sequences: searched.map((p) => assemble([p])), notices: notices.filter((n) => n !== null) };
}

/** The image inputs (plus pixel_mask for onnx-community) at the size the export wants. */
export async function imageInputs(model: GdinoModel, pixels: Pixels, pre: Preprocessor): Promise<PassInputs> {
  const idea = model.match.variant.kind === 'gdino-idea';
  const name = idea ? 'img' : 'pixel_values';
  const size = modelInputSize(model.match.inputs.get(name)?.shape ?? [], idea, pixels, pre);
  const plane = await imagePlane(pixels, size.width, size.height, pre.norm);
  const inputs: PassInputs = { [name]: { values: plane, dims: [1, 3, size.height, size.width] } };
  if (!idea) inputs.pixel_mask = { values: new BigInt64Array(size.width * size.height).fill(1n), dims: [1, size.height, size.width] };
  return inputs;
}

export function textInputs(model: GdinoModel, seq: Sequence): PassInputs {
  const L = seq.ids.length;
  const inputs: PassInputs = {
    input_ids: { values: seq.ids, dims: [1, L] },
    attention_mask: { values: new Array<number>(L).fill(1), dims: [1, L] },
    token_type_ids: { values: new Array<number>(L).fill(0), dims: [1, L] },
  };
  if (model.match.variant.kind === 'gdino-idea') {
    const masks = subSentenceMasks(seq.ids);
    inputs.position_ids = { values: masks.positionIds, dims: [1, L] };
    inputs.text_token_mask = { values: masks.selfAttention, dims: [1, L, L] };
  }
  return inputs;
}

/** Runs every planned sequence on one image and gathers the boxes over the thresholds, in image pixels. */
export async function runPasses(
  model: GdinoModel,
  image: { pixels: Pixels; inputs: PassInputs },
  sequences: readonly Sequence[],
  opts: { thresholds: Thresholds; decode: (ids: number[]) => string },
  deps: RunDeps,
): Promise<Candidate[]> {
  const found: Candidate[] = [];
  const size = { width: image.pixels.width, height: image.pixels.height };
  for (const seq of sequences) {
    const out = await runPass(model, { ...image.inputs, ...textInputs(model, seq) }, deps);
    found.push(...candidates(out, seq, size, opts.thresholds, opts.decode));
  }
  return found;
}

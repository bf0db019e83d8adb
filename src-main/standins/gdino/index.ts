// Runs in: CLI and tests (Node). The Grounding DINO stand-in packs: gdino-tiny (onnx-community layout and
// its quirk: a graph that works only at its configured 800×800, with the export's preprocessor_config.json),
// standin-gdino-unfusable (as gdino-tiny, and it loads only below full graph optimisation),
// standin-gdino-aspect (onnx-community layout, any size, the upstream 800/1333 config) and
// standin-gdino-idea (IDEA-style inputs, layout gdino-idea).
import { GraphBuilder } from '../graph-builder';
import type { StandinPack } from '../write-pack';
import { bertTokenizerConfigJson, bertTokenizerJson, bertVocab, bertVocabTxt } from '../tokenizers/bert-vocab';
import { IMAGENET_MEAN, IMAGENET_STD } from '../tokenizers/colours';
import { buildGdino, type GdinoQuirks } from './gdino-graph';

const BEHAVIOUR =
  'Boxes the image region whose colour (red, green, blue, yellow, white, black) is named in the prompt: ' +
  'one query per colour word, logit +6 at that token, box = the colour pixels (ImageNet-normalised RGB only).';

const text = (s: string) => new TextEncoder().encode(s.endsWith('\n') ? s : `${s}\n`);

/** onnx-community's export: a fixed 800×800 (its preprocessor_config.json; reports from the real file). */
export const GDINO_SQUARE = 800;

function gdinoModel(style: 'onnx-community' | 'idea', quirks: GdinoQuirks = {}): Uint8Array {
  const g = new GraphBuilder(
    `standin-gdino-${style}${quirks.squareOnly ? `-${quirks.squareOnly}-square` : ''}${quirks.fusionTrap ? '-unfusable' : ''}`,
  );
  buildGdino(g, style, quirks);
  return g.toBytes();
}

function sharedFiles(preprocessor: Record<string, unknown>): Record<string, Uint8Array> {
  const vocab = bertVocab();
  return {
    'vocab.txt': text(bertVocabTxt(vocab)),
    'tokenizer.json': text(bertTokenizerJson(vocab)),
    'tokenizer_config.json': text(bertTokenizerConfigJson()),
    'preprocessor_config.json': text(JSON.stringify(preprocessor, null, 2)),
  };
}

/**
 * onnx-community/grounding-dino-tiny-ONNX's form: GroundingDinoImageProcessor's saved fields (sorted, as
 * save_pretrained writes them) with size {height, width}. Written this way it is 496 bytes, the published
 * file's size; its published sha256 was not reproduced, so a field's value may still differ.
 */
export function communityPreprocessorJson(): Record<string, unknown> {
  return {
    do_convert_annotations: true,
    do_normalize: true,
    do_pad: true,
    do_rescale: true,
    do_resize: true,
    format: 'coco_detection',
    image_mean: [0.485, 0.456, 0.406],
    image_processor_type: 'GroundingDinoImageProcessor',
    image_std: [0.229, 0.224, 0.225],
    pad_size: null,
    processor_class: 'GroundingDinoProcessor',
    resample: 2,
    rescale_factor: 0.00392156862745098,
    size: { height: GDINO_SQUARE, width: GDINO_SQUARE },
  };
}

/** The upstream (IDEA-Research/grounding-dino-tiny) form: shortest/longest edge. */
function upstreamPreprocessorJson(): Record<string, unknown> {
  return {
    do_normalize: true,
    do_pad: true,
    do_rescale: true,
    do_resize: true,
    image_mean: [...IMAGENET_MEAN],
    image_std: [...IMAGENET_STD],
    image_processor_type: 'GroundingDinoImageProcessor',
    processor_class: 'GroundingDinoProcessor',
    resample: 2,
    rescale_factor: 1 / 255,
    size: { shortest_edge: 800, longest_edge: 1333 },
  };
}

export function gdinoStandinPacks(): StandinPack[] {
  const files = sharedFiles(upstreamPreprocessorJson());
  const roles = { model: 'onnx/model.onnx', vocab: 'vocab.txt', tokenizer: 'tokenizer.json', preprocessor: 'preprocessor_config.json' };
  return [
    {
      packId: 'gdino-tiny',
      family: 'gdino',
      layout: 'gdino-onnx-community',
      roles,
      files: { 'onnx/model.onnx': gdinoModel('onnx-community', { squareOnly: GDINO_SQUARE }), ...sharedFiles(communityPreprocessorJson()) },
      behaviour: `${BEHAVIOUR} Works only at its configured ${GDINO_SQUARE}×${GDINO_SQUARE} (height and width declared dynamic), like the traced export.`,
    },
    {
      packId: 'standin-gdino-unfusable',
      family: 'gdino',
      layout: 'gdino-onnx-community',
      roles,
      files: {
        'onnx/model.onnx': gdinoModel('onnx-community', { squareOnly: GDINO_SQUARE, fusionTrap: true }),
        ...sharedFiles(communityPreprocessorJson()),
      },
      behaviour: `${BEHAVIOUR} As gdino-tiny, and ONNX Runtime cannot create it with full graph optimisation (a fusion pass breaks it); it loads with 'basic'.`,
    },
    {
      packId: 'standin-gdino-aspect',
      family: 'gdino',
      layout: 'gdino-onnx-community',
      roles,
      files: { 'onnx/model.onnx': gdinoModel('onnx-community'), ...files },
      behaviour: `${BEHAVIOUR} Any input size; upstream 800/1333 preprocessor config.`,
    },
    {
      // IDEA-style export (X-AnyLabeling): img, bool attention_mask, position_ids, bool text_token_mask.
      packId: 'standin-gdino-idea',
      family: 'gdino',
      layout: 'gdino-idea',
      roles: { model: 'groundingdino.onnx', vocab: 'vocab.txt' },
      files: { 'groundingdino.onnx': gdinoModel('idea'), ...files },
      behaviour: `${BEHAVIOUR} IDEA-style inputs; phrases come from text_token_mask.`,
    },
  ];
}

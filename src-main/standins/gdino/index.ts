// Runs in: CLI and tests (Node). The Grounding DINO stand-in packs: gdino-tiny (onnx-community layout)
// and standin-gdino-idea (IDEA-style inputs, layout gdino-idea).
import { GraphBuilder } from '../graph-builder';
import type { StandinPack } from '../write-pack';
import { bertTokenizerConfigJson, bertTokenizerJson, bertVocab, bertVocabTxt } from '../tokenizers/bert-vocab';
import { IMAGENET_MEAN, IMAGENET_STD } from '../tokenizers/colours';
import { buildGdino } from './gdino-graph';

const BEHAVIOUR =
  'Boxes the image region whose colour (red, green, blue, yellow, white, black) is named in the prompt: ' +
  'one query per colour word, logit +6 at that token, box = the colour pixels (ImageNet-normalised RGB only).';

const text = (s: string) => new TextEncoder().encode(s.endsWith('\n') ? s : `${s}\n`);

function gdinoModel(style: 'onnx-community' | 'idea'): Uint8Array {
  const g = new GraphBuilder(`standin-gdino-${style}`);
  buildGdino(g, style);
  return g.toBytes();
}

function sharedFiles(): Record<string, Uint8Array> {
  const vocab = bertVocab();
  return {
    'vocab.txt': text(bertVocabTxt(vocab)),
    'tokenizer.json': text(bertTokenizerJson(vocab)),
    'tokenizer_config.json': text(bertTokenizerConfigJson()),
    'preprocessor_config.json': text(JSON.stringify(preprocessorJson(), null, 2)),
  };
}

function preprocessorJson(): Record<string, unknown> {
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
  const files = sharedFiles();
  return [
    {
      packId: 'gdino-tiny',
      family: 'gdino',
      layout: 'gdino-onnx-community',
      roles: { model: 'onnx/model.onnx', vocab: 'vocab.txt', tokenizer: 'tokenizer.json', preprocessor: 'preprocessor_config.json' },
      files: { 'onnx/model.onnx': gdinoModel('onnx-community'), ...files },
      behaviour: BEHAVIOUR,
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

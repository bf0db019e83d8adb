// Runs in: engine process (and the CLI). The bert-base-uncased WordPiece tokenizer of a Grounding DINO pack,
// through @huggingface/tokenizers: the pack's tokenizer.json (+ tokenizer_config.json) when it has one,
// else a tokenizer description built here from its vocab.txt (IDEA-style packs ship only that).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { resolvePackFile } from '../models/pack-files';
import { damagedModel } from '../runtime/model-errors';
import { CLS_ID, DOT_ID, SEP_ID } from './caption';

export interface TextTokenizer {
  /** One phrase's token ids, without [CLS]/[SEP]. */
  encode(text: string): number[];
  /** Ids back to text ("##" pieces joined, specials dropped). */
  decode(ids: number[]): string;
}

const BERT_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const BERT_CONFIG = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  clean_up_tokenization_spaces: true,
  unk_token: '[UNK]',
  cls_token: '[CLS]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  mask_token: '[MASK]',
};

/** A tokenizers-library description of BERT uncased WordPiece over a vocab.txt (one token per line, id = line). */
export function wordPieceJson(vocabTxt: string): Record<string, unknown> {
  const lines = vocabTxt.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.at(-1) === '') lines.pop();
  // No prototype: a token such as "__proto__" must stay an ordinary entry.
  const vocab = Object.create(null) as Record<string, number>;
  lines.forEach((tok, id) => {
    if (tok && !Object.hasOwn(vocab, tok)) vocab[tok] = id;
  });
  const special = { special: true, single_word: false, lstrip: false, rstrip: false, normalized: false };
  const added = BERT_SPECIALS.filter((t) => Object.hasOwn(vocab, t)).map((t) => ({ id: vocab[t], content: t, ...special }));
  return {
    version: '1.0',
    added_tokens: added,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

/** Wraps the library, after checking the ids the masks and labels rely on ([CLS] 101, [SEP] 102, "." 1012). */
export function bertTokenizer(json: object, config: object, name: string): TextTokenizer {
  const tok = new Tokenizer(json, { ...BERT_CONFIG, ...config });
  const ids = [tok.token_to_id('[CLS]'), tok.token_to_id('[SEP]'), tok.token_to_id('.')];
  if (ids[0] !== CLS_ID || ids[1] !== SEP_ID || ids[2] !== DOT_ID) {
    throw new AnyfillError(
      'UNSUPPORTED_FORMAT',
      `${name} is not the bert-base-uncased tokenizer Grounding DINO uses ([CLS], [SEP], "." are ${ids.join(', ')}).`,
    );
  }
  return {
    encode: (text) => tok.encode(text, { add_special_tokens: false }).ids,
    decode: (list) => tok.decode(list, { skip_special_tokens: true }),
  };
}

const cache = new Map<string, Promise<TextTokenizer>>();

/** The pack's tokenizer, built once per installed pack. */
export async function loadTokenizer(modelsDir: string, manifest: PackManifest): Promise<TextTokenizer> {
  const role = manifest.roles.tokenizer ? 'tokenizer' : manifest.roles.vocab ? 'vocab' : null;
  if (!role)
    throw new AnyfillError(
      'NOT_FOUND',
      `Model pack "${manifest.packId}" has no tokenizer (tokenizer.json or vocab.txt): download or import it again.`,
    );
  const file = resolvePackFile(modelsDir, manifest, role);
  const key = `${file}\n${manifest.installedAt}`;
  let loading = cache.get(key);
  if (!loading) {
    loading = readTokenizer(file, role, manifest.packId);
    cache.set(key, loading);
    loading.catch(() => cache.delete(key));
  }
  return await loading;
}

async function readTokenizer(file: string, role: 'tokenizer' | 'vocab', packId: string): Promise<TextTokenizer> {
  const label = `Grounding DINO (${packId})`;
  const text = await readFile(file, 'utf8');
  const configFile = path.join(path.dirname(file), 'tokenizer_config.json');
  try {
    if (role === 'vocab') return bertTokenizer(wordPieceJson(text), {}, path.basename(file));
    const config = existsSync(configFile) ? (JSON.parse(await readFile(configFile, 'utf8')) as object) : {};
    return bertTokenizer(JSON.parse(text) as object, config, path.basename(file));
  } catch (err) {
    if (err instanceof AnyfillError) throw err;
    throw damagedModel(label, file, 'the tokenizer files cannot be read', err instanceof Error ? err.message : String(err));
  }
}

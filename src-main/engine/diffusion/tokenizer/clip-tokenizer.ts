// Runs in: engine process (pure, no I/O). SD 1.x's CLIP BPE tokenizer through @huggingface/tokenizers, and the
// 77-token sequence the text encoder takes (model-contracts §5.4): [BOS] + up to 75 ids + [EOS], padded
// with EOS. Packs that ship only vocab.json + merges.txt (the diffusers ONNX layout) get the tokenizer
// description built here; it says what HF's CLIPTokenizerFast says (NFC, whitespace collapsed, lowercase,
// CLIP's pre-tokeniser regex, byte-level mapping, "</w>" on each word's last symbol).
import { Tokenizer } from '@huggingface/tokenizers';
import { AnyfillError } from '../../../../src-shared/contract/errors';

export const CLIP_LENGTH = 77;
export const CLIP_BOS = 49406;
export const CLIP_EOS = 49407;
const BOS = '<|startoftext|>';
const EOS = '<|endoftext|>';
/** Specials, contractions, letter runs, single digits, runs of other non-space characters. */
const CLIP_SPLIT = "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+";

/** What the prompt lost to the 77-token limit (nothing when `truncated` is false). */
export interface PromptReport {
  truncated: boolean;
  /** Tokens the prompt needs without BOS/EOS, and how many were kept (at most 75). */
  tokens: number;
  kept: number;
  /** The words that were cut, as text ("" when none). */
  dropped: string;
}

export interface ClipTokens {
  ids: Int32Array;
  report: PromptReport;
}

export interface ClipTokenizer {
  /** The 77 input_ids for a prompt; "" gives [BOS, EOS, EOS, …] (the unconditional prompt). */
  encode(prompt: string): ClipTokens;
}

/** A tokenizers-library description of CLIP BPE over vocab.json and merges.txt. */
export function clipTokenizerJson(vocab: Record<string, number>, mergesTxt: string): Record<string, unknown> {
  // The first line "#version: 0.2" is a header, not a merge.
  const merges = mergesTxt
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l, i) => l && !(i === 0 && l.startsWith('#version')));
  const special = { single_word: false, lstrip: false, rstrip: false, normalized: true, special: true };
  return {
    version: '1.0',
    added_tokens: [
      { id: vocab[BOS], content: BOS, ...special },
      { id: vocab[EOS], content: EOS, ...special },
    ],
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: CLIP_SPLIT }, behavior: 'Removed', invert: true },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: [EOS, vocab[EOS]],
      cls: [BOS, vocab[BOS]],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: EOS,
      continuing_subword_prefix: '',
      end_of_word_suffix: '</w>',
      fuse_unk: false,
      vocab,
      merges,
    },
  };
}

const CONFIG = {
  tokenizer_class: 'CLIPTokenizer',
  bos_token: BOS,
  eos_token: EOS,
  unk_token: EOS,
  pad_token: EOS,
  model_max_length: CLIP_LENGTH,
  do_lower_case: true,
};

/** Wraps the library after checking the specials the sequence relies on (SD 1.x: 49406, 49407). */
export function clipTokenizer(json: object, config: object, name: string): ClipTokenizer {
  const tok = new Tokenizer(json, { ...CONFIG, ...config });
  const [bos, eos] = [tok.token_to_id(BOS), tok.token_to_id(EOS)];
  if (bos !== CLIP_BOS || eos !== CLIP_EOS) {
    throw new AnyfillError(
      'UNSUPPORTED_FORMAT',
      `${name} is not the CLIP tokenizer SD 1.x uses (<|startoftext|>, <|endoftext|> are ${bos}, ${eos}).`,
    );
  }
  return {
    encode(prompt) {
      const text = prompt.replace(/\s+/g, ' ').trim();
      const all = text ? tok.encode(text, { add_special_tokens: false }).ids : [];
      return clipSequence(all, (rest) => tok.decode(rest, { skip_special_tokens: true }).trim());
    },
  };
}

/** [BOS] + ids (cut to 75) + [EOS], padded with EOS to 77, and what the cut dropped. */
export function clipSequence(tokens: readonly number[], decode: (ids: number[]) => string): ClipTokens {
  const room = CLIP_LENGTH - 2;
  const kept = tokens.slice(0, room);
  const ids = new Int32Array(CLIP_LENGTH).fill(CLIP_EOS);
  ids[0] = CLIP_BOS;
  ids.set(kept, 1);
  const truncated = tokens.length > room;
  const dropped = truncated ? decode(tokens.slice(room)) : '';
  return { ids, report: { truncated, tokens: tokens.length, kept: kept.length, dropped } };
}

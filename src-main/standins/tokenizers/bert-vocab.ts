// Runs in: CLI and tests (Node). A bert-base-uncased-shaped WordPiece vocabulary and its tokenizer files.
// [Note: stand-in BERT vocab] 30522 entries with the real ids for the specials ([PAD] 0, [UNK] 100,
// [CLS] 101, [SEP] 102, [MASK] 103), ASCII punctuation, digits and a–z (999–1062, so "." = 1012 and
// "?" = 1029), the colour words and a few common words (see colours.ts). Every other id holds an
// "[unusedN]" placeholder (the real file's own filler style), so ids line up with the real vocab.
import { BERT_WORDS, COLOURS } from './colours';

export const BERT_VOCAB_SIZE = 30522;
const SPECIALS: Record<number, string> = { 0: '[PAD]', 100: '[UNK]', 101: '[CLS]', 102: '[SEP]', 103: '[MASK]' };

export function bertVocab(): string[] {
  const vocab: (string | undefined)[] = new Array<string | undefined>(BERT_VOCAB_SIZE);
  for (const [id, tok] of Object.entries(SPECIALS)) vocab[Number(id)] = tok;
  // Real layout from 999: ASCII 33..126 without upper case, in code-point order, up to "z" = 1062.
  let id = 999;
  for (let c = 33; c <= 122; c++) if (c < 65 || c > 90) vocab[id++] = String.fromCharCode(c);
  for (const c of COLOURS) vocab[c.bertId] = c.word;
  for (const [w, i] of Object.entries(BERT_WORDS)) vocab[i] = w;
  let unused = 0;
  return Array.from(vocab, (tok) => tok ?? `[unused${unused++}]`);
}

export function bertVocabTxt(vocab = bertVocab()): string {
  return `${vocab.join('\n')}\n`;
}

/** A Hugging Face tokenizers JSON for the BERT WordPiece tokenizer over `vocab`. */
export function bertTokenizerJson(vocab = bertVocab()): string {
  const special = (id: number) => ({
    id,
    content: vocab[id],
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tok = (name: string) => ({ SpecialToken: { id: name, type_id: 0 } });
  const json = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [0, 100, 101, 102, 103].map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [tok('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, tok('[SEP]')],
      pair: [
        tok('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        tok('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [101], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
  return JSON.stringify(json);
}

export function bertTokenizerConfigJson(): string {
  return JSON.stringify(
    {
      do_lower_case: true,
      strip_accents: null,
      tokenize_chinese_chars: true,
      model_max_length: 512,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
      clean_up_tokenization_spaces: true,
      tokenizer_class: 'BertTokenizer',
      processor_class: 'GroundingDinoProcessor',
    },
    null,
    2,
  );
}

// Runs in: every process (pure). How a text prompt splits into the phrases Grounding DINO looks for:
// the engine runs on them, the renderer shows the user how the prompt will be read — the same rule.

/**
 * Punctuation as BERT's basic tokenizer defines it (each such character becomes a token of its own):
 * ASCII symbols outside letters and digits, and every Unicode punctuation character. The exports bake
 * their text mask for exactly [CLS], [SEP] and "." per phrase; a "?" is a separator there too, and any
 * other punctuation only adds noise, so phrases carry none.
 */
const PUNCTUATION = /[!-/:-@[-`{-~\p{P}]/gu;

/**
 * The phrases of a prompt: lowercase, split on ".", other punctuation dropped, trimmed, single-spaced;
 * empty and repeated ones dropped.
 */
export function splitPhrases(text: string): string[] {
  const phrases = text
    .toLowerCase()
    .split('.')
    .map((p) => p.replace(PUNCTUATION, ' ').replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  return [...new Set(phrases)];
}

// Runs in: every process (pure). How a text prompt splits into the phrases Grounding DINO looks for:
// the engine runs on them, the renderer shows the user how the prompt will be read — the same rule.

/** The phrases of a prompt: lowercase, trimmed, single-spaced, split on ".", empty and repeated ones dropped. */
export function splitPhrases(text: string): string[] {
  const phrases = text
    .toLowerCase()
    .split('.')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  return [...new Set(phrases)];
}

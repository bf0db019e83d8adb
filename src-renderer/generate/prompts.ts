// Runs in: renderer. The removal setup and what to say about a prompt the model could not read whole.
import type { PromptReportSchema } from '../../src-shared/contract/diffusion-payloads';
import type { z } from 'zod';

/** Shared with `anyfill run --action remove`. */
export { REMOVAL } from '../../src-shared/generate/removal';

/** A notice saying which words the 77-token limit cut, or null when the prompt fit. */
export function promptNotice(report: z.infer<typeof PromptReportSchema>, prompt: string): string | null {
  if (!report.truncated) return null;
  const words = droppedWords(prompt, report.dropped).split(/\s+/).filter(Boolean);
  const shown = words.length > 12 ? [...words.slice(0, 8), '…', ...words.slice(-3)] : words;
  return `The prompt is longer than the model reads (${report.kept} of ${report.tokens} tokens kept): “${shown.join(' ')}” was left out.`;
}

/**
 * The tail of the user's own prompt that the tokenizer dropped. The engine reports the dropped tokens
 * decoded ("word 8 9" for "word89", lower case), so the same number of non-space characters is taken
 * from the end of what the user typed; when they do not match, the decoded text is shown as is.
 */
export function droppedWords(prompt: string, dropped: string): string {
  const want = dropped.replace(/\s+/g, '').toLowerCase();
  if (!want) return dropped.trim();
  let n = 0;
  let at = prompt.length;
  while (at > 0 && n < want.length) if (!/\s/.test(prompt[--at]!)) n++;
  const tail = prompt.slice(at).trim();
  return tail.replace(/\s+/g, '').toLowerCase() === want ? tail : dropped.trim();
}

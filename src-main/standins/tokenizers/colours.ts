// Runs in: CLI and tests (Node). The colour words every stand-in model understands: RGB and token ids.
// [Note: stand-in colours] The Grounding DINO stand-in boxes the image region of the colour named in the
// prompt, and the SD stand-in paints the mask in the colour named in the prompt. Both therefore need the
// colour words as single tokens at fixed ids in their tokenizers.
// Ids: the real bert-base-uncased / CLIP ids. Checked against public tokenisation examples: BERT "red"
// 2417; CLIP "a</w>" 320, "red</w>" 736, "car</w>" 1615, "blue</w>" 1746, "black</w>" 1449,
// "white</w>" 1579, "yellow</w>" 4481. From memory only: BERT green 2665, blue 2630, yellow 3756,
// white 2317, black 2304, car 2482, cat 4937, dog 3899, the 1996; CLIP "green</w>" 1901.

export interface StandinColour {
  word: string;
  /** 0..255 sRGB. Pure primaries so the colours are far apart (distance ≥ 255) and easy to assert. */
  rgb: readonly [number, number, number];
  bertId: number;
  clipId: number;
}

export const COLOURS: readonly StandinColour[] = [
  { word: 'red', rgb: [255, 0, 0], bertId: 2417, clipId: 736 },
  { word: 'green', rgb: [0, 255, 0], bertId: 2665, clipId: 1901 },
  { word: 'blue', rgb: [0, 0, 255], bertId: 2630, clipId: 1746 },
  { word: 'yellow', rgb: [255, 255, 0], bertId: 3756, clipId: 4481 },
  { word: 'white', rgb: [255, 255, 255], bertId: 2317, clipId: 1579 },
  { word: 'black', rgb: [0, 0, 0], bertId: 2304, clipId: 1449 },
];

/** Other whole words at their real ids, so prompts like "a red car" tokenise realistically. */
export const BERT_WORDS: Readonly<Record<string, number>> = { a: 1037, the: 1996, car: 2482, dog: 3899, cat: 4937 };
export const CLIP_WORDS: Readonly<Record<string, number>> = { 'car</w>': 1615 };

/** ImageNet normalisation used by Grounding DINO's processor. */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

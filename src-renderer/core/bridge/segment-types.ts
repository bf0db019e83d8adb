// Runs in: renderer. Payload types of the segment channels, inferred from the shared schemas.
import type { z } from 'zod';
import type {
  PromptBoxSchema,
  PromptPointSchema,
  SegmentRunRequestSchema,
  SegmentRunResultSchema,
} from '../../../src-shared/contract/segment-payloads';

export type PromptPoint = z.infer<typeof PromptPointSchema>;
export type PromptBox = z.infer<typeof PromptBoxSchema>;
export type SegmentRunRequest = z.infer<typeof SegmentRunRequestSchema>;
export type SegmentRunResult = z.infer<typeof SegmentRunResultSchema>;
export type Candidate = SegmentRunResult['candidates'][number];

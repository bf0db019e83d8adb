// Runs in: every process. The envelope every transport carries (Electron IPC, message ports, WebSocket).
import { z } from 'zod';
import { StagedFileIdSchema } from '../document/ids';
import { AnyfillErrorSchema } from './errors';

export const WireRequestSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  /** Absent only with payloadFile (or from a faulty sender, who gets the channel's validation error). */
  payload: z.unknown().optional(),
  /** A payload too large to travel inline, staged as JSON in the session inbox ([Note: message size]). */
  payloadFile: StagedFileIdSchema.optional(),
});
export const WireResponseSchema = z.discriminatedUnion('ok', [
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ t: z.literal('res'), id: z.number().int(), ok: z.literal(false), error: AnyfillErrorSchema }),
]);
export const WireEventSchema = z.object({ t: z.literal('evt'), event: z.string().max(64), payload: z.unknown() });
export const WireMessageSchema = z.union([WireRequestSchema, WireResponseSchema, WireEventSchema]);

export type WireRequest = z.infer<typeof WireRequestSchema>;
export type WireResponse = z.infer<typeof WireResponseSchema>;
export type WireEvent = z.infer<typeof WireEventSchema>;
export type WireMessage = z.infer<typeof WireMessageSchema>;

/** [Note: heartbeat] A host's ping and the engine's answer; not requests, so no id and no payload. */
export const PING = 'ping';
export const PONG = 'pong';

// Runs in: every process. The envelope every transport carries (Electron IPC, message ports, WebSocket).
import { z } from 'zod';
import { AnyfillErrorSchema } from './errors';

export const WireRequestSchema = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(64),
  payload: z.unknown(),
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

// Runs in: engine process. Which tensor data may stay in the ORT worker between runs ([Note: resident
// tensors] in worker-protocol.ts): marked by the typed array itself, so the same cached embedding fed
// again is recognised however its ort.Tensor wrapper was made, and forgotten when it is garbage.
const ids = new WeakMap<object, number>();
let next = 1;

/** Data fed unchanged on many runs (an image embedding): the worker keeps its copy after the first. */
export function markResident(data: ArrayBufferView): void {
  if (!ids.has(data)) ids.set(data, next++);
}

export function residentId(data: unknown): number | undefined {
  return typeof data === 'object' && data !== null ? ids.get(data) : undefined;
}

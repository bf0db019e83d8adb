// Runs in: engine process. The one thin call every model run goes through: cancellation before the
// run starts, and ORT's failures mapped to messages a user can act on (model-errors.ts).
import { AnyfillError } from '../../../src-shared/contract/errors';
import { runError } from './model-errors';
import type { Feeds, InferenceSession, Outputs } from './ort';

export async function runModel(session: InferenceSession, feeds: Feeds, label: string, signal?: AbortSignal): Promise<Outputs> {
  // ORT cannot stop inside a run (reliability §3.4), so a cancel is honoured between runs only.
  if (signal?.aborted) throw new AnyfillError('CANCELLED', 'Cancelled.');
  try {
    return await session.run(feeds);
  } catch (err) {
    throw runError(err, label);
  }
}

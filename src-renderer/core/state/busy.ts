// Runs in: renderer. One long operation at a time, shown by the busy indicator.
import { getState, setState } from './editor-store';

export const isBusy = (): boolean => getState().busy !== null;

/** Run `work` under the busy indicator; returns undefined without running it if something else is busy. */
export async function withBusy<T>(label: string, work: () => Promise<T>): Promise<T | undefined> {
  if (isBusy()) return undefined;
  setState({ busy: { label, startedAt: performance.now() } });
  try {
    return await work();
  } finally {
    setState({ busy: null });
  }
}

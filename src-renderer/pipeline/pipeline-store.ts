// Runs in: renderer. The pipeline panel's transient state: whether its steps are shown and the last
// re-run (running, then reproduced or not, with the result held until it is added or dropped). None of it
// is in the document; only "Add as layer" changes the document.
import { create } from 'zustand';
import type { LayerId } from '../../src-shared/document/ids';
import type { RerunOutcome } from './rerun-request';

export interface Rerun {
  /** The result layer whose log was re-run. */
  readonly layerId: LayerId;
  readonly state: 'running' | 'same' | 'differs' | 'failed';
  readonly outcome?: RerunOutcome;
  /** The re-run result's proxy, to show next to the recorded one. */
  readonly url?: string;
  readonly message?: string;
}

export interface PipelineState {
  readonly open: boolean;
  readonly rerun: Rerun | null;
}

export const usePipeline = create<PipelineState>()(() => ({ open: false, rerun: null }));
export const getPipeline = usePipeline.getState;
export const setPipeline = (s: Partial<PipelineState>): void => usePipeline.setState(s);

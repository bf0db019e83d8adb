// Runs in: renderer. The estimate for a generation request, asked of the engine (generate.estimate) a
// moment after its inputs stop changing and again after each job ends (a finished run calibrates it).
// Latest wins: an answer for inputs that have changed since is dropped.
import { useEffect, useState } from 'react';
import type { GenerateEstimate, GenerateEstimateRequest } from '../../src-shared/contract/estimate-payloads';
import { getApi, userMessage } from '../core/bridge/api';
import { useJobs } from './job-store';

const DEBOUNCE_MS = 250;

export type EstimateState = { estimate: GenerateEstimate; error?: undefined } | { estimate?: undefined; error: string } | null;

export function useEstimate(request: GenerateEstimateRequest | null): EstimateState {
  const running = useJobs((s) => s.jobs.length > 0);
  const key = request && !running ? JSON.stringify(request) : '';
  const [state, setState] = useState<{ key: string; value: EstimateState }>({ key: '', value: null });
  useEffect(() => {
    if (!key) {
      setState({ key: '', value: null }); // a job ran: what was said before it may be out of date
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      getApi()
        .invoke('generate.estimate', JSON.parse(key) as GenerateEstimateRequest)
        .then(
          (estimate) => live && setState({ key, value: { estimate } }),
          (err: unknown) => live && setState({ key, value: { error: userMessage(err, 'No estimate for these settings.') } }),
        );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return state.key === key && key ? state.value : null;
}

// Runs in: renderer. What other features may use of jobs/ (the floors: a feature reaches another only here).
export { isCancelled, runJob } from './job-actions';
export { getJobs, useJobs } from './job-store';
export { commitResultLayer, landResult } from './result-layer';
export { EstimateLine } from './EstimateLine';
export { useEstimate, type EstimateState } from './use-estimate';

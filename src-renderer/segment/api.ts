// Runs in: renderer. What other features may use of segment/ (the floors: a feature reaches another only here).
export { prepareSegment } from './segment-status';

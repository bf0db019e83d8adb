// Runs in: renderer. What other features may use of fill/ (the floors: a feature reaches another only here).
export { contentAwareFill } from './fill-actions';

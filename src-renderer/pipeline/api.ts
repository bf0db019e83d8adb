// Runs in: renderer. What other features may use of pipeline/ (the floors: a feature reaches another only here).
export { stampNow } from './app-version';
export { fillProvenance, inpaintProvenance, outpaintProvenance } from './provenance-build';
export type { InpaintSent, OutpaintSent, Stamp } from './provenance-build';

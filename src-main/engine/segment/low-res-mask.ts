// Runs in: engine process (and the CLI). The low-res → full-res mask mapping lives in src-shared (the
// renderer draws previews with it); re-exported here for the segment code.
export { lowResToMask } from '../../../src-shared/masks/low-res';

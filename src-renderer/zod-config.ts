// Runs in: renderer. Imported first by main.tsx: zod validates without generating code. The renderer's CSP
// has no 'unsafe-eval', so zod's probe for `new Function` would be blocked anyway — and reported as a
// security-policy violation on every start; jitless skips the probe and the generated fast path.
import { z } from 'zod';

z.config({ jitless: true });

// Runs in: vitest (node). What browser-host clients may see of an error (issue 15 item 5): the code and
// the sentence, never stack frames or this machine's paths.
import { expect, it } from 'vitest';
import { clientSafeError } from '../../../src-main/serve/client-errors';
import { toErrorData } from '../../../src-shared/contract/errors';

it('drops stack frames and shortens absolute paths to their last segment', () => {
  const err = new TypeError("Cannot read properties of undefined (reading 'x')");
  err.stack = `${err.name}: ${err.message}\n    at run (/opt/Anyfill/resources/app.asar/dist/node/engine.cjs:12:34)\n    at C:\\Users\\me\\AppData\\anyfill.js:1:2`;
  const safe = clientSafeError(toErrorData(err));
  expect(safe).toEqual({
    code: 'INTERNAL',
    message: 'Something went wrong inside Anyfill.',
    detail: "TypeError: Cannot read properties of undefined (reading 'x')",
  });
  const io = clientSafeError({
    code: 'IO',
    message: 'Could not save the file: permission denied.',
    detail: "EACCES: permission denied, open '/home/alice/secret/out.png'",
  });
  expect(io.detail).toBe("EACCES: permission denied, open '…/out.png'");
  expect(clientSafeError({ code: 'BAD_REQUEST', message: 'Use 16:9 / 4:3 and/or 1/2.' }).message).toBe('Use 16:9 / 4:3 and/or 1/2.');
});

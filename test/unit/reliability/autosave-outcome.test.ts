// Runs in: vitest (node). An autosave answered ENGINE_CRASHED counts as saved exactly when the recovery
// list shows a copy of the document newer than the last one known (the engine died after the rename).
import { expect, it } from 'vitest';
import { copyWrittenBy } from '../../../src-renderer/project/autosave-outcome';
import type { DocumentId } from '../../../src-shared/document/ids';

const doc = 'd_doc1' as DocumentId;
const other = { documentId: 'd_other', savedAt: '2026-12-06T10:00:05.000Z' };

it('takes a copy newer than the last known one as written by the crashed autosave', () => {
  expect(
    copyWrittenBy(
      [other, { documentId: doc, savedAt: '2026-12-06T10:00:09.000Z' }],
      doc,
      '2026-12-06T10:00:01.000Z',
      '2026-12-06T10:00:08.000Z',
    ),
  ).toBe('2026-12-06T10:00:09.000Z');
});

it('does not take the previous copy (the engine died before the rename) or another document’s copy', () => {
  expect(
    copyWrittenBy(
      [other, { documentId: doc, savedAt: '2026-12-06T10:00:01.000Z' }],
      doc,
      '2026-12-06T10:00:01.000Z',
      '2026-12-06T10:00:08.000Z',
    ),
  ).toBeNull();
  expect(copyWrittenBy([other], doc, undefined, '2026-12-06T10:00:00.000Z')).toBeNull();
});

it('without an earlier copy, takes one written since the request was sent, not an older one', () => {
  expect(copyWrittenBy([{ documentId: doc, savedAt: '2026-12-06T10:00:09.000Z' }], doc, undefined, '2026-12-06T10:00:08.000Z')).toBe(
    '2026-12-06T10:00:09.000Z',
  );
  expect(copyWrittenBy([{ documentId: doc, savedAt: '2026-12-06T09:00:00.000Z' }], doc, undefined, '2026-12-06T10:00:08.000Z')).toBeNull();
});

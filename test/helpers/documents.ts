// Runs in: tests (node). A small document as the renderer holds it: one 10 × 10 photo layer, and the
// layers a test adds above it. No node-only imports: the DOM-typed renderer tests use it too.
import type { EditorDocument } from '../../src-shared/document/types';

export function photoDocument(assetId = 'A1', above: unknown[] = []): EditorDocument {
  return {
    id: 'doc-1',
    schemaVersion: 1,
    name: 'test',
    width: 10,
    height: 10,
    layers: [{ id: 'L1', kind: 'image', name: 'Photo', assetId, visible: true, opacity: 1, x: 0, y: 0, width: 10, height: 10 }, ...above],
  } as unknown as EditorDocument;
}

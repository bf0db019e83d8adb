// Runs in: tests and benchmarks (node). Where the shared test photos are: one setting, ANYFILL_TEST_IMAGES,
// defaulting to ../shared/images beside the repository. A clone without them skips exactly the tests that
// read them, saying why (CI has the folder, so it runs them).
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

export const SHARED_IMAGES = path.resolve(process.env.ANYFILL_TEST_IMAGES || path.join(repoRoot, '..', 'shared', 'images'));

/** The photos the tests read; all of them, or the tests that need them are skipped. */
const PHOTOS = ['dog.jpg', 'street.jpg', 'truck.jpg', 'picture3.jpg', 'groceries.jpg'] as const;

export const hasSharedImages: boolean = PHOTOS.every((name) => existsSync(path.join(SHARED_IMAGES, name)));

export const NO_SHARED_IMAGES = `the shared test photos are not in ${SHARED_IMAGES} (set ANYFILL_TEST_IMAGES to the folder holding ${PHOTOS.join(', ')})`;

/** First line of a test that reads the photos: skips it, with the reason, when they are absent. */
export function needsSharedImages(ctx: { skip(condition: boolean, note?: string): void }): void {
  ctx.skip(!hasSharedImages, NO_SHARED_IMAGES);
}

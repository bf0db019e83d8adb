// Runs in: renderer. Decoded proxy images by URL, shared by the open flow (which waits for the decode
// before committing the document) and the canvas (which then draws without a blank frame).
const cache = new Map<string, Promise<HTMLImageElement>>();
const ready = new Map<string, HTMLImageElement>();

export function loadImage(url: string): Promise<HTMLImageElement> {
  let p = cache.get(url);
  if (!p) {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    p = img.decode().then(
      () => {
        ready.set(url, img);
        return img;
      },
      (err: unknown) => {
        cache.delete(url); // a later attempt (after an engine restart, say) may succeed
        throw err;
      },
    );
    cache.set(url, p);
  }
  return p;
}

/** The decoded image if it is ready now, else undefined (the caller subscribes via loadImage). */
export const readyImage = (url: string): HTMLImageElement | undefined => ready.get(url);

/** Drop images nobody uses any more (document closed or replaced). */
export function forgetImages(keep: ReadonlySet<string>): void {
  for (const url of [...cache.keys()]) {
    if (!keep.has(url)) {
      cache.delete(url);
      ready.delete(url);
    }
  }
}

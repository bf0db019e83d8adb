// Runs in: renderer. A decoded proxy image for Konva, loaded once per URL (see image-cache.ts).
import { useEffect, useState } from 'react';
import { loadImage, readyImage } from './image-cache';

export function useProxyImage(url: string | undefined): HTMLImageElement | undefined {
  const [img, setImg] = useState(() => (url ? readyImage(url) : undefined));
  useEffect(() => {
    if (!url) return setImg(undefined);
    const ready = readyImage(url);
    if (ready) return setImg(ready);
    let alive = true;
    loadImage(url).then(
      (i) => alive && setImg(i),
      () => alive && setImg(undefined),
    );
    return () => {
      alive = false;
    };
  }, [url]);
  return img;
}

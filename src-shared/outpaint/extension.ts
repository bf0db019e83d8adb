// Runs in: every process (pure). How much Extend Canvas adds per side: given, or what reaching an aspect
// ratio takes. Shared so the dialog shows the resulting size and outline the engine will produce.

export interface Extension {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The extension that makes width:height = aw:ah by growing the short dimension, split evenly. */
export function extensionForAspect(width: number, height: number, aw: number, ah: number): Extension {
  const target = aw / ah;
  if (width / height < target) {
    const add = Math.round(height * target) - width;
    return { left: Math.floor(add / 2), right: add - Math.floor(add / 2), top: 0, bottom: 0 };
  }
  const add = Math.round(width / target) - height;
  return { left: 0, right: 0, top: Math.floor(add / 2), bottom: add - Math.floor(add / 2) };
}

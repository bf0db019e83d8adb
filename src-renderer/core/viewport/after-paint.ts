// Runs in: renderer. Work a result's first frame must not wait for (candidate thumbnails, previews of
// what is not on screen): it runs once the next frame has been painted, not inside the commit that
// shows the result. React flushes effects of a synchronous update before the frame, hence this.
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The animation frame callback runs just before the paint; a task queued from it runs after.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

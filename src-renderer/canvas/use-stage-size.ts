// Runs in: renderer. Keeps the store's stage size equal to the canvas area (window resizes, panel changes).
import { useEffect, type RefObject } from 'react';
import { setStageSize } from '../core/state/view-actions';

export function useStageSize(ref: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setStageSize({ width: el.clientWidth, height: el.clientHeight });
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, [ref]);
}

// Runs in: renderer. `on` once it has stayed true for `ms`: a busy note for work that usually ends
// sooner (a click's answer) appears only when the wait is noticeable, instead of flashing, and costing a
// repaint, on every click.
import { useEffect, useState } from 'react';

export function useAfterDelay(on: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!on) {
      setLate(false);
      return;
    }
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [on, ms]);
  return on && late;
}

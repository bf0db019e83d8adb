// Runs in: renderer. Small stroke icons drawn for Anyfill (24×24 grid, currentColor).
import type { ReactElement } from 'react';

const paths: Record<string, ReactElement> = {
  open: (
    <path d="M3 7.5V18a1.5 1.5 0 0 0 1.5 1.5h13.2a1.5 1.5 0 0 0 1.4-1l2.4-7a1 1 0 0 0-1-1.3H7.2a1.5 1.5 0 0 0-1.4 1L3.3 18M3 7.5V6a1.5 1.5 0 0 1 1.5-1.5h4l2 2h6A1.5 1.5 0 0 1 18 8v2.2" />
  ),
  export: <path d="M12 3.5v11M7.5 10 12 14.5 16.5 10M4.5 15.5v3a1.5 1.5 0 0 0 1.5 1.5h12a1.5 1.5 0 0 0 1.5-1.5v-3" />,
  undo: <path d="M8.5 5 4 9.5 8.5 14M4 9.5h10a5.5 5.5 0 0 1 0 11h-3" />,
  redo: <path d="M15.5 5 20 9.5 15.5 14M20 9.5H10a5.5 5.5 0 0 0 0 11h3" />,
  fit: <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5M8 8h8v8H8z" />,
  actual: <path d="M6 8.5 8 7v10M16 8.5 18 7v10M12 10.2v.1M12 14.2v.1" />,
  zoomIn: <path d="M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.2 15.2 20 20M10.5 7.8v5.4M7.8 10.5h5.4" />,
  zoomOut: <path d="M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.2 15.2 20 20M7.8 10.5h5.4" />,
  eye: <path d="M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12zM12 9.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6z" />,
  eyeOff: (
    <path d="M4 4l16 16M9.8 6a8.6 8.6 0 0 1 2.2-.5c6 0 9.5 6.5 9.5 6.5a15 15 0 0 1-2.6 3.4M14.1 17.9a8 8 0 0 1-2.1.6C6 18.5 2.5 12 2.5 12a15.6 15.6 0 0 1 3.3-4.1M10 10a2.8 2.8 0 0 0 4 4" />
  ),
  trash: (
    <path d="M4.5 6.5h15M9.5 6.5V4.5h5v2M6.5 6.5l.9 12.1a1.5 1.5 0 0 0 1.5 1.4h6.2a1.5 1.5 0 0 0 1.5-1.4l.9-12.1M10 10.5v5.5M14 10.5v5.5" />
  ),
  up: <path d="M6.5 14.5 12 9l5.5 5.5" />,
  down: <path d="M6.5 9.5 12 15l5.5-5.5" />,
  models: <path d="M12 3.5 19.5 7.7v8.6L12 20.5l-7.5-4.2V7.7L12 3.5zM4.5 7.7 12 12l7.5-4.3M12 12v8.5" />,
  hand: (
    <path d="M8 12.5V6.2a1.4 1.4 0 0 1 2.8 0V11M10.8 11V4.9a1.4 1.4 0 0 1 2.8 0V11M13.6 11V5.9a1.4 1.4 0 0 1 2.8 0V12M16.4 12V8.4a1.4 1.4 0 0 1 2.8 0v5.1c0 3.9-2.7 6.5-6.4 6.5-2.6 0-4-1.1-5.4-3.2L5 12.7a1.4 1.4 0 0 1 2.3-1.6L8 12.5" />
  ),
  select: <path d="M5 4.5l5.2 14 2-5.8 5.8-2L5 4.5zM13.5 13.5l5 5" />,
  wand: <path d="M4 20l10-10M14 10l2 2M15.5 3.5v3M20.5 8.5h-3M18.5 5.5l-2 2M11 4.5l1 1.5M19.5 12l-1.6-.8" />,
  brush: <path d="M14.5 4.5l5 5-8.2 8.2-5-5 8.2-8.2zM6.3 12.7c-2 0-3 1.3-3 3.2 0 1.2-.5 2.3-1.3 2.8 3.6.9 7.2-.1 7.3-3" />,
  close: <path d="M6.5 6.5l11 11M17.5 6.5l-11 11" />,
  photo: (
    <path d="M4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5v-11A1.5 1.5 0 0 1 4.5 5zM3.5 16l5-5 4 4 2.5-2.5 5.5 5.5M15.5 8.3a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4z" />
  ),
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {paths[name]}
    </svg>
  );
}

// Runs in: renderer. Whether Help › Keyboard Shortcuts is open (view state, never in history).
import { create } from 'zustand';

export const useShortcutSheet = create<{ readonly open: boolean }>()(() => ({ open: false }));

export const openShortcutSheet = (): void => useShortcutSheet.setState({ open: true });
export const closeShortcutSheet = (): void => useShortcutSheet.setState({ open: false });

/**
 * Zustand store: the window's layout (the side pane's width, collapsed or filling the window).
 * `paneWidth` and `paneCollapsed` are plain values meant to persist; `paneMaximized` is for the
 * moment only (a full-window view of the log, Connections or the charts).
 */
import { create } from 'zustand';

export const PANE_MIN = 320;
export const PANE_MAX = 760;
export const PANE_DEFAULT = 420;
/** One arrow-key press on the splitter. */
export const PANE_STEP = 16;

export interface LayoutState {
  paneWidth: number;
  paneCollapsed: boolean;
  paneMaximized: boolean;
  setPaneWidth(px: number): void;
  togglePane(): void;
  setPaneCollapsed(collapsed: boolean): void;
  setPaneMaximized(maximized: boolean): void;
}

export function clampPaneWidth(px: number): number {
  if (!Number.isFinite(px)) return PANE_DEFAULT;
  return Math.round(Math.min(PANE_MAX, Math.max(PANE_MIN, px)));
}

export const useLayout = create<LayoutState>((set) => ({
  paneWidth: PANE_DEFAULT,
  paneCollapsed: false,
  paneMaximized: false,
  setPaneWidth: (px) => set({ paneWidth: clampPaneWidth(px) }),
  // Collapsing a full-window view puts the fleet back rather than leaving an empty window.
  togglePane: () => set((s) => ({ paneCollapsed: !s.paneCollapsed, paneMaximized: false })),
  setPaneCollapsed: (paneCollapsed) => set({ paneCollapsed, paneMaximized: false }),
  setPaneMaximized: (paneMaximized) => set({ paneMaximized, paneCollapsed: false }),
}));

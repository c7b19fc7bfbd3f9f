/**
 * Zustand store: what the attention pushes ask the window to show that is not server data:
 * the "while you were away" summary until dismissed, and the event a notification click named.
 */
import { create } from 'zustand';
import type { AwaySummary } from '../../../shared/attention';

export interface AttentionUiState {
  away: AwaySummary | null;
  /** An event to show opened in the Events tab (a grouped notification was clicked). */
  focusEventId: string | null;
  showAway(summary: AwaySummary): void;
  dismissAway(): void;
  focusEvent(id: string | null): void;
}

export const useAttentionUi = create<AttentionUiState>((set) => ({
  away: null,
  focusEventId: null,
  showAway: (away) => set({ away }),
  dismissAway: () => set({ away: null }),
  focusEvent: (focusEventId) => set({ focusEventId }),
}));

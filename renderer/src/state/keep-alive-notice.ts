/**
 * Zustand store: the notice that closing a profile stopped keep-alives. Apart from ui.ts, as
 * it must outlive the profile change that resets the UI (it arrives just before it).
 */
import { create } from 'zustand';

export interface StoppedKeepAlive {
  id: number;
  /** As the fleet last showed it; null when the fleet did not hold it. */
  name: string | null;
}

export interface KeepAliveNotice {
  profileName: string;
  droplets: StoppedKeepAlive[];
}

interface KeepAliveNoticeState {
  notice: KeepAliveNotice | null;
  show(notice: KeepAliveNotice): void;
  dismiss(): void;
}

export const useKeepAliveNotice = create<KeepAliveNoticeState>((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));

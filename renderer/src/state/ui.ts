/** Zustand store: UI state that is not server data (selection, filters, sorting, open panels). */
import { create } from 'zustand';

export const SORT_KEYS = ['problems', 'id', 'name', 'steward', 'status', 'capabilities', 'lastHeartbeat', 'endpoint', 'version', 'probe'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Panel = 'details' | 'heartbeat' | 'register' | 'log' | 'profiles' | 'events' | 'dependencies';

export interface UiState {
  selectedId: number | null;
  statusFilter: string | null;
  capabilityFilter: string | null;
  search: string;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  panel: Panel;
  /** A communications-log entry to open (from an error's "see exchange" link). */
  focusExchangeId: number | null;
  /** The register panel starts empty (a new droplet) rather than from the selected droplet. */
  registerNew: boolean;
  /** A droplet the fleet table should scroll into view; `seq` makes asking again a new request. */
  reveal: { id: number; seq: number } | null;
  select(id: number | null): void;
  setStatusFilter(s: string | null): void;
  setCapabilityFilter(c: string | null): void;
  setSearch(q: string): void;
  setSort(key: SortKey): void;
  openPanel(p: Panel): void;
  openExchange(id: number): void;
  /** Open the register panel on an empty form. */
  openNewRegistration(): void;
  /** Select a droplet, open its details and have the fleet table scroll it into view ("Show droplet"). */
  showDroplet(id: number): void;
  /** Another Orchestrator: its droplets are not these, so selection and filters start over. */
  resetForProfile(): void;
}

export const useUi = create<UiState>((set) => ({
  selectedId: null,
  statusFilter: null,
  capabilityFilter: null,
  search: '',
  sort: { key: 'problems', dir: 'asc' },
  panel: 'details',
  focusExchangeId: null,
  registerNew: false,
  reveal: null,
  select: (id) => set({ selectedId: id }),
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  setCapabilityFilter: (capabilityFilter) => set({ capabilityFilter }),
  setSearch: (search) => set({ search }),
  setSort: (key) => set((s) => ({ sort: { key, dir: s.sort.key === key && s.sort.dir === 'asc' ? 'desc' : 'asc' } })),
  openPanel: (panel) => set({ panel, registerNew: false }),
  openExchange: (id) => set({ panel: 'log', focusExchangeId: id }),
  openNewRegistration: () => set({ panel: 'register', registerNew: true }),
  showDroplet: (id) => set((s) => ({ selectedId: id, panel: 'details', registerNew: false, reveal: { id, seq: (s.reveal?.seq ?? 0) + 1 } })),
  resetForProfile: () =>
    set({ selectedId: null, statusFilter: null, capabilityFilter: null, search: '', focusExchangeId: null, registerNew: false, reveal: null }),
}));

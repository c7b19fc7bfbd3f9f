/** Status and capability selects and a free-text search over id, name, steward and endpoint. */
import { STATUS_ORDER } from './fleet-rows';
import { ColumnsMenu } from './ColumnsMenu';

export interface FleetFiltersProps {
  status: string | null;
  capability: string | null;
  search: string;
  capabilities: readonly string[];
  shown: number;
  total: number;
  onStatus(s: string | null): void;
  onCapability(c: string | null): void;
  onSearch(q: string): void;
}

export function FleetFilters(p: FleetFiltersProps) {
  const filtered = p.status !== null || p.capability !== null || p.search !== '';
  // A chosen capability stays in the list even when no droplet has it any more.
  const capabilities = p.capability !== null && !p.capabilities.includes(p.capability) ? [p.capability, ...p.capabilities] : p.capabilities;
  return (
    <div className="filters" role="search">
      <input
        type="search"
        className="filter-search"
        placeholder="Search id, name, steward, endpoint…"
        aria-label="Search droplets"
        value={p.search}
        onChange={(e) => p.onSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') p.onSearch('');
        }}
      />
      <label className="filter-field">
        <span>Status</span>
        <select aria-label="Status filter" value={p.status ?? ''} onChange={(e) => p.onStatus(e.target.value || null)}>
          <option value="">Any</option>
          {STATUS_ORDER.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        <span>Capability</span>
        <select aria-label="Capability filter" value={p.capability ?? ''} onChange={(e) => p.onCapability(e.target.value || null)}>
          <option value="">Any</option>
          {capabilities.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {filtered && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            p.onStatus(null);
            p.onCapability(null);
            p.onSearch('');
          }}
        >
          Clear filters
        </button>
      )}
      <span className="filter-count" aria-live="polite">
        {filtered ? `${p.shown} of ${p.total} droplets` : `${p.total} droplets`}
      </span>
      <ColumnsMenu />
    </div>
  );
}

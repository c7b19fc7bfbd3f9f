import { useState } from 'react';
import { ATTENTION_KINDS, type AttentionKind } from '../../../../shared/attention';
import { Segmented } from '../../ui/Segmented';
import { KIND_LABEL } from './attention-text';
import { isFiltered, NO_FILTERS, parseDropletId, type EventFilterState, type EventRange } from './event-filters';

const RANGES = [
  { value: '1h', label: '1 h' },
  { value: '24h', label: '24 h' },
  { value: '7d', label: '7 d' },
  { value: 'all', label: 'All' },
] as const satisfies readonly { value: EventRange; label: string }[];

/** Which events the timeline shows: kinds (none picked: all), a time range, one droplet. */
export function EventFilters({ value, onChange }: { value: EventFilterState; onChange(f: EventFilterState): void }) {
  const [idText, setIdText] = useState(value.dropletId === null ? '' : String(value.dropletId));
  const idInvalid = idText.trim() !== '' && parseDropletId(idText) === null;
  const toggle = (k: AttentionKind) => onChange({ ...value, kinds: value.kinds.includes(k) ? value.kinds.filter((x) => x !== k) : [...value.kinds, k] });
  return (
    <div className="st-evfilters" role="group" aria-label="Event filters">
      <div className="st-evfilters__kinds" role="group" aria-label="Kinds">
        {ATTENTION_KINDS.map((k) => (
          <button key={k} type="button" className={`st-evkind st-evkind--${k}`} aria-pressed={value.kinds.includes(k)} onClick={() => toggle(k)}>
            {KIND_LABEL[k]}
          </button>
        ))}
      </div>
      <div className="st-evfilters__row">
        <Segmented label="Time range" options={RANGES} value={value.range} onChange={(range) => onChange({ ...value, range })} />
        <label className="st-evfilters__droplet">
          Droplet
          <input
            className="st-input"
            inputMode="numeric"
            placeholder="any id"
            value={idText}
            aria-invalid={idInvalid || undefined}
            title={idInvalid ? 'A droplet id is a whole number, such as 101' : undefined}
            onChange={(e) => {
              setIdText(e.target.value);
              onChange({ ...value, dropletId: parseDropletId(e.target.value) });
            }}
          />
        </label>
        {isFiltered(value) && (
          <button
            type="button"
            className="st-btn st-btn--quiet"
            onClick={() => {
              setIdText('');
              onChange(NO_FILTERS);
            }}
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

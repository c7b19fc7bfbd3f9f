import './ui.css';

export interface SegmentOption<V extends string> {
  value: V;
  label: string;
}

/** A small radio group drawn as joined buttons (ranges, filters). */
export function Segmented<V extends string>(props: { label: string; options: readonly SegmentOption<V>[]; value: V; onChange(v: V): void }) {
  return (
    <div role="radiogroup" aria-label={props.label} className="st-seg">
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === props.value}
          className={o.value === props.value ? 'st-seg__opt st-seg__opt--on' : 'st-seg__opt'}
          onClick={() => props.onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

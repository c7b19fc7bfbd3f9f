/** Capabilities as chips; past a few, a "+N" chip, with the full list in the tooltip. */
/** Two chips fit the column at 1280 px; the rest are counted, never squeezed into unreadable stubs. */
const SHOWN = 2;

export function CapabilityChips({ capabilities }: { capabilities: readonly string[] }) {
  if (capabilities.length === 0) return <span className="muted">none</span>;
  const shown = capabilities.slice(0, SHOWN);
  const hidden = capabilities.length - shown.length;
  return (
    <span className="chips" title={capabilities.join(', ')}>
      {shown.map((c) => (
        <span key={c} className="chip">
          {c}
        </span>
      ))}
      {hidden > 0 && <span className="chip chip-more">+{hidden}</span>}
    </span>
  );
}

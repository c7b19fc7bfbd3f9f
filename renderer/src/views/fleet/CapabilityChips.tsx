/**
 * Capabilities as one line of text, cut with an ellipsis where the column ends, the full list in
 * the tooltip. (Chips squeezed into this column showed only stubs like "udc…".)
 */
export function CapabilityChips({ capabilities }: { capabilities: readonly string[] }) {
  if (capabilities.length === 0) return <span className="muted">none</span>;
  const text = capabilities.join(', ');
  return (
    <span className="caps-text" title={text}>
      {text}
    </span>
  );
}

import { useRarestFirst } from './capability-rank';

/**
 * Capabilities as one line of text, rarest across the fleet first, cut with an ellipsis where
 * the column ends; the tooltip keeps the droplet's own order.
 */
export function CapabilityChips({ capabilities }: { capabilities: readonly string[] }) {
  const ordered = useRarestFirst(capabilities);
  if (capabilities.length === 0) return <span className="muted">none</span>;
  return (
    <span className="caps-text" title={capabilities.join(', ')}>
      {ordered.join(', ')}
    </span>
  );
}

import type { Problems } from '../../../../shared/attention';
import { useProblems } from '../../queries/useAttention';
import { useUi } from '../../state/ui';
import { STATE_LABEL } from './attention-text';
import './events.css';

/** The fleet's current problems, in the top bar; a click opens the Events tab. */
export function ProblemCount() {
  const q = useProblems();
  // Without an answer (no engine yet, or it failed) the bar says nothing rather than "0".
  if (!q.data) return null;
  const p = q.data;
  const open = () => useUi.getState().openPanel('events');
  if (p.count === 0) {
    return (
      <button type="button" className="tag st-problems st-problems--none" data-testid="problem-count" title="No droplet is in error, inactive, late or gone. Click for the events." onClick={open}>
        No problems
      </button>
    );
  }
  const mutedOnly = p.unmutedCount === 0;
  return (
    <button
      type="button"
      className={`tag st-problems st-problems--${mutedOnly ? 'muted' : (p.worst ?? 'error')}`}
      data-testid="problem-count"
      title={problemsTitle(p)}
      onClick={open}
    >
      <span className="st-problems__dot" aria-hidden="true" />
      {p.count} {p.count === 1 ? 'problem' : 'problems'}
      {p.count > p.unmutedCount && <span className="st-problems__muted"> · {p.count - p.unmutedCount} muted</span>}
    </button>
  );
}

function problemsTitle(p: Problems): string {
  const lines = p.top.map((t) => `${t.name || `#${t.id}`} #${t.id}: ${STATE_LABEL[t.state]}${t.muted ? ' (muted)' : ''}`);
  const more = p.count > p.top.length ? [`and ${p.count - p.top.length} more`] : [];
  return [...lines, ...more, 'Click for the events.'].join('\n');
}

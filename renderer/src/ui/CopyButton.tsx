import { useEffect, useState } from 'react';
import './ui.css';

/** Copies `text` to the clipboard and says so briefly. */
export function CopyButton(props: { text: string; label?: string; title?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    // Absent outside a secure context; say so rather than throw.
    if (!navigator.clipboard) return setState('failed');
    navigator.clipboard.writeText(props.text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  const label = props.label ?? 'Copy';
  return (
    <button type="button" className="st-btn st-btn--quiet st-copy" onClick={copy} title={props.title ?? `Copy ${props.text}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}

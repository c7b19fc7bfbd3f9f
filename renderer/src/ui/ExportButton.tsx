/**
 * A quiet button that asks main to export (main shows the save dialog and writes the file),
 * then says where it went, or why not, beside itself. A cancelled dialog says nothing.
 */
import { useState } from 'react';
import type { ExportResult } from '../../../shared/exports';
import { errorDetail } from '../app/api';

export function ExportButton(props: { label: string; title: string; noun: string; run(): Promise<ExportResult> }) {
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const click = async () => {
    setBusy(true);
    setSaid(null);
    try {
      const r = await props.run();
      if (r.savedTo !== null) setSaid({ text: `Saved ${r.count} ${props.noun}${r.count === 1 ? '' : 's'} to ${r.savedTo}`, error: false });
    } catch (e) {
      setSaid({ text: `Export failed: ${errorDetail(e).message}`, error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="st-export">
      <button type="button" className="st-btn st-btn--quiet" disabled={busy} title={props.title} onClick={() => void click()}>
        {props.label}
      </button>
      {said && (
        <span className={said.error ? 'st-export__said is-error selectable' : 'st-export__said selectable'} role="status" title={said.text}>
          {said.text}
        </span>
      )}
    </span>
  );
}

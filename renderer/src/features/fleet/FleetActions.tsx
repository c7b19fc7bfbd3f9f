/**
 * The fleet's actions beside the filters: export what the table shows (CSV, JSON), and, while
 * rows are marked (Ctrl/Shift-click), the bulk bar: heartbeat them, mute them, export them, clear. Below,
 * one line says what the last action did.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ExportRow } from '../../../../shared/exports';
import { call, errorDetail } from '../../app/api';
import { queryKeys } from '../../queries/query-keys';
import { useExportFleet } from '../../queries/useExports';
import { muteDroplets, muteWords } from '../../queries/useAttention';
import { useFleetNote } from '../../state/fleet-note';
import { beatAll, bulkWords } from './bulk';
import type { FleetRow } from './fleet-rows';
import './fleet-actions.css';

export interface FleetActionsProps {
  /** The rows as shown, in order. */
  shown: readonly FleetRow[];
  marked: ReadonlySet<number>;
  onClearMarks(): void;
}

const toExport = (rows: readonly FleetRow[]): ExportRow[] => rows.map((r) => ({ droplet: r.droplet, status: r.status }));

export function FleetActions({ shown, marked, onClearMarks }: FleetActionsProps) {
  const qc = useQueryClient();
  const exportFleet = useExportFleet();
  const [beating, setBeating] = useState(false);
  const selection = marked.size > 0 ? shown.filter((r) => marked.has(r.droplet.id)) : null;

  const exportAs = (format: 'csv' | 'json') =>
    exportFleet.mutate({ format, rows: toExport(selection ?? shown), scope: selection ? 'selection' : 'shown' });

  const beatMarked = async () => {
    if (!selection) return;
    setBeating(true);
    try {
      const outcome = await beatAll(selection.map((r) => r.droplet), (input) => call('sendHeartbeat', input), (e) => errorDetail(e).message);
      useFleetNote.getState().say(bulkWords(outcome), outcome.failed.length ? 'error' : 'ok');
      void qc.invalidateQueries({ queryKey: queryKeys.fleetAll });
    } finally {
      setBeating(false);
    }
  };

  const muteMarked = async () => {
    if (!selection) return;
    const ids = selection.map((r) => r.droplet.id);
    try {
      await muteDroplets(qc, ids, '1h');
      useFleetNote.getState().say(muteWords(ids, '1h'), 'ok');
    } catch (e) {
      useFleetNote.getState().say(`Could not mute every selected droplet: ${errorDetail(e).message}`, 'error');
    }
  };

  if (selection) {
    return (
      <div className="fleet-actions is-bulk" role="toolbar" aria-label="Selected droplets">
        <strong className="fleet-actions__count">{selection.length} selected</strong>
        <button type="button" className="st-btn" disabled={beating} onClick={() => void beatMarked()}>
          {beating ? 'Sending…' : 'Send heartbeat'}
        </button>
        <button type="button" className="st-btn" onClick={() => void muteMarked()} title="No notifications or tray alerts for the selected droplets for an hour">
          Mute 1 h
        </button>
        <button type="button" className="st-btn" disabled={exportFleet.isPending} onClick={() => exportAs('csv')} title="Export the selected droplets as CSV">
          Export CSV
        </button>
        <button type="button" className="st-btn" disabled={exportFleet.isPending} onClick={() => exportAs('json')} title="Export the selected droplets as JSON">
          Export JSON
        </button>
        <button type="button" className="st-btn st-btn--quiet" onClick={onClearMarks} title="Clear the selection (Escape)">
          Clear
        </button>
      </div>
    );
  }
  return (
    <div className="fleet-actions" role="toolbar" aria-label="Fleet export">
      <span className="fleet-actions__label">Export</span>
      <button type="button" className="st-btn st-btn--quiet" disabled={exportFleet.isPending || shown.length === 0} onClick={() => exportAs('csv')} title="Export the droplets shown (filters applied) as CSV">
        CSV
      </button>
      <button type="button" className="st-btn st-btn--quiet" disabled={exportFleet.isPending || shown.length === 0} onClick={() => exportAs('json')} title="Export the droplets shown (filters applied) as JSON">
        JSON
      </button>
    </div>
  );
}

export const NOTE_SHOWN_MS = 6_000;

/** What the last action did; fades after a few seconds unless it is an error. */
export function FleetNoteLine() {
  const { text, tone, seq, clear } = useFleetNote();
  useEffect(() => {
    if (!text || tone === 'error') return undefined;
    const t = setTimeout(clear, NOTE_SHOWN_MS);
    return () => clearTimeout(t);
  }, [text, tone, seq, clear]);
  return (
    <div className={`fleet-note ${tone === 'error' ? 'is-error' : ''}`} role="status" aria-live="polite" data-testid="fleet-note">
      {text && (
        <>
          <span className="selectable">{text}</span>
          <button type="button" className="st-btn st-btn--quiet" onClick={clear} aria-label="Dismiss the note">
            ×
          </button>
        </>
      )}
    </div>
  );
}

/** A status as a coloured dot and the word: colour is never the only signal. */
import type { EffectiveStatus } from '../../../shared/liveness';
import type { Droplet } from '../../../shared/model';
import { useContext } from 'react';
import { useNow } from '../state/clock';
import { StaleContext } from './stale-context';
import { formatDuration } from '../domain/format';

const TOOLTIPS: Partial<Record<EffectiveStatus, string>> = {
  unknown: 'The Orchestrator reported a status Steward does not recognise.',
  maintenance: 'The Orchestrator says this droplet is in maintenance.',
};

export function StatusBadge({ status, title, guess = false }: { status: EffectiveStatus; title?: string; guess?: boolean }) {
  return (
    <span className={`status status-${status}${guess ? ' status-guess' : ''}`} title={title ?? TOOLTIPS[status]} data-status={status} data-guess={guess || undefined}>
      <span className="status-dot" aria-hidden="true" />
      <span className="status-word">{guess ? `${status}?` : status}</span>
    </span>
  );
}

/** Words for Steward's late verdict while the fleet cannot be refreshed: a guess, not a fact. */
export const LATE_GUESS_WHY = 'Orchestrator unreachable';

/** Why a late verdict is (or is only a guess), for its tooltip. */
export function lateTitle(silentSeconds: number, stale: boolean): string {
  const silence = formatDuration(silentSeconds);
  if (!stale) return `No heartbeat for ${silence}; the Orchestrator still says active`;
  return `late? ${LATE_GUESS_WHY}: no heartbeat seen for ${silence}, but Steward cannot refresh the fleet, so it cannot tell whether one arrived since`;
}

/** `late` explains itself, with a live count of the silence; while the fleet is stale it is a guess. */
export function LateBadge({ lastHeartbeat }: { lastHeartbeat: string }) {
  const now = useNow();
  const stale = useContext(StaleContext);
  const silent = Math.max(0, (now - Date.parse(lastHeartbeat)) / 1000);
  return <StatusBadge status="late" guess={stale} title={lateTitle(silent, stale)} />;
}

export function StatusCellContent({ droplet, status }: { droplet: Droplet; status: EffectiveStatus }) {
  if (status === 'late' && droplet.lastHeartbeat !== null) return <LateBadge lastHeartbeat={droplet.lastHeartbeat} />;
  return <StatusBadge status={status} />;
}

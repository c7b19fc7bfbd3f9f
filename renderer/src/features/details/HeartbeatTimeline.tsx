import { memo, useMemo } from 'react';
import { formatClock, formatHourMinute } from '../../domain/format';
import { statusTone } from '../../domain/status';
import { useNow } from '../../state/clock';
import { useLiveness } from '../../queries/useAppInfo';
import { lateAfterMs } from '../../../../shared/liveness';
import { historySinceNote } from '../charts/history-since';
import { buildSlots, type Beat, type Slot } from './timeline';

const SLOTS = 60;
const SLOT_MS = 60_000;

/**
 * The last hour of beats as a row of one-minute bars, coloured by status, with gaps where beats
 * stopped. `since` is where Steward's history begins (null: none yet; undefined: not known yet):
 * when that is inside the hour, the strip says so, so the empty start does not read as an outage.
 */
export function HeartbeatTimeline(props: { beats: readonly Beat[]; since?: number | null }) {
  const now = useNow();
  // Slots only change at minute boundaries (or with new beats), not on every clock tick.
  const minute = Math.ceil(now / SLOT_MS);
  const overdueMs = lateAfterMs(useLiveness());
  const slots = useMemo(
    () => buildSlots(props.beats, minute * SLOT_MS, { slots: SLOTS, slotMs: SLOT_MS, overdueMs }),
    [props.beats, minute, overdueMs],
  );
  const first = props.beats[0]?.t ?? null;
  // The Orchestrator's own beats (or the last one the list names) can reach further back.
  const start = props.since === undefined ? undefined : props.since === null ? first : first === null ? props.since : Math.min(props.since, first);
  const windowStart = slots[0]?.start ?? minute * SLOT_MS;
  const note = start === undefined ? null : historySinceNote(start, windowStart, minute * SLOT_MS);
  return <TimelineBar slots={slots} note={note} />;
}

/** Memoised on `slots`, which change once a minute: the per-second clock tick stops above. */
const TimelineBar = memo(function TimelineBar({ slots, note }: { slots: readonly Slot[]; note: string | null }) {
  const beats = slots.reduce((n, s) => n + s.count, 0);
  const missed = slots.filter((s) => s.kind === 'gap').length;
  const summary = `${beats} ${beats === 1 ? 'beat' : 'beats'} in the last hour${missed ? `, ${missed} min without` : ''}`;
  return (
    <section className="st-timeline" aria-label="Heartbeat timeline">
      <header className="st-timeline__head">
        <h3 className="st-section-title">Heartbeats</h3>
        <span className="st-timeline__summary">{summary}</span>
      </header>
      <div className="st-timeline__bar" role="img" aria-label={summary}>
        {slots.map((slot) => (
          <span
            key={slot.start}
            className={slotClass(slot)}
            data-kind={slot.kind}
            data-status={slot.status ?? undefined}
            title={slotTitle(slot)}
          />
        ))}
      </div>
      <div className="st-timeline__axis" aria-hidden="true">
        <span>{slots[0] ? formatHourMinute(slots[0].start) : ''}</span>
        <span>now</span>
      </div>
      {note && (
        <p className="st-timeline__since" role="note">
          {note}
        </p>
      )}
    </section>
  );
});

function slotClass(slot: Slot): string {
  const base = `st-timeline__slot st-timeline__slot--${slot.kind}`;
  // `status-*` carries the fleet table's status colours; `tone-*` is the fallback.
  return slot.status ? `${base} tone-${statusTone(slot.status)} status-${slot.status}` : `${base} tone-muted`;
}

function slotTitle(slot: Slot): string {
  const span = `${formatHourMinute(slot.start)}–${formatHourMinute(slot.end)}`;
  switch (slot.kind) {
    case 'beat':
      return `${formatClock(slot.beatT ?? slot.start)} · ${slot.status}${slot.count > 1 ? ` (${slot.count} beats)` : ''}`;
    case 'carry':
      return `${span} · ${slot.status} (last beat ${formatClock(slot.beatT ?? slot.start)})`;
    case 'gap':
      return `${span} · no heartbeat (last beat ${formatClock(slot.beatT ?? slot.start)})`;
    case 'none':
      return `${span} · no record`;
  }
}

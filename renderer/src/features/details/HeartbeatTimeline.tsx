import { memo, useMemo } from 'react';
import { formatClock, formatHourMinute } from '../../domain/format';
import { statusTone } from '../../domain/status';
import { useNow } from '../../state/clock';
import { useLiveness } from '../../queries/useAppInfo';
import { lateAfterMs } from '../../../../shared/liveness';
import { buildSlots, type Beat, type Slot } from './timeline';

const SLOTS = 60;
const SLOT_MS = 60_000;

/** The last hour of beats as a row of one-minute bars, coloured by status, with gaps where beats stopped. */
export function HeartbeatTimeline(props: { beats: readonly Beat[] }) {
  const now = useNow();
  // Slots only change at minute boundaries (or with new beats), not on every clock tick.
  const minute = Math.ceil(now / SLOT_MS);
  const overdueMs = lateAfterMs(useLiveness());
  const slots = useMemo(
    () => buildSlots(props.beats, minute * SLOT_MS, { slots: SLOTS, slotMs: SLOT_MS, overdueMs }),
    [props.beats, minute, overdueMs],
  );
  return <TimelineBar slots={slots} />;
}

/** Memoised on `slots`, which change once a minute: the per-second clock tick stops above. */
const TimelineBar = memo(function TimelineBar({ slots }: { slots: readonly Slot[] }) {
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

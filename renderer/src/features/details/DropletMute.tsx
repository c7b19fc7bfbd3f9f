import type { MuteSpan } from '../../../../shared/attention';
import { errorDetail } from '../../app/api';
import { useAttentionSettings, useMute } from '../../queries/useAttention';
import { useNow } from '../../state/clock';
import { muteInForce, muteUntilText } from '../events/attention-text';
import '../events/events.css';

const SPANS: readonly { span: Exclude<MuteSpan, 'off'>; label: string }[] = [
  { span: '1h', label: 'Mute 1 h' },
  { span: 'tomorrow', label: 'Until tomorrow' },
  { span: 'forever', label: 'Until unmuted' },
];

/** Mute this droplet's notifications (its events are still kept in the timeline). */
export function DropletMute({ dropletId }: { dropletId: number }) {
  const q = useAttentionSettings();
  const mute = useMute();
  const now = useNow();
  if (!q.data) return null;
  const until = q.data.mutes.droplets[String(dropletId)];
  const muted = muteInForce(until, now);
  return (
    <div className="st-dmute" role="group" aria-label="Notifications for this droplet">
      <span className="st-dmute__state" data-testid="droplet-mute-state">
        {muted ? `Muted ${muteUntilText(until, now)}` : 'Notifications on'}
      </span>
      {muted ? (
        <button type="button" className="st-btn" disabled={mute.isPending} onClick={() => mute.mutate({ target: 'droplet', id: dropletId, span: 'off' })}>
          Unmute
        </button>
      ) : (
        SPANS.map((s) => (
          <button key={s.span} type="button" className="st-btn st-btn--quiet" disabled={mute.isPending} onClick={() => mute.mutate({ target: 'droplet', id: dropletId, span: s.span })}>
            {s.label}
          </button>
        ))
      )}
      {mute.isError && <span className="st-notify__error">{errorDetail(mute.error).message}</span>}
    </div>
  );
}

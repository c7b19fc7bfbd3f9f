/** Says which keep-alives stopped when their profile closed, until the steward dismisses it. */
import { HeartIcon } from '../../ui/HeartIcon';
import { useKeepAliveNotice, type StoppedKeepAlive } from '../../state/keep-alive-notice';

const named = (d: StoppedKeepAlive): string => (d.name ? `#${d.id} ${d.name}` : `#${d.id}`);

export function KeepAliveStoppedNotice() {
  const notice = useKeepAliveNotice((s) => s.notice);
  const dismiss = useKeepAliveNotice((s) => s.dismiss);
  if (!notice) return null;
  const one = notice.droplets.length === 1;
  return (
    <div className="keepalive-notice" role="status" data-testid="keepalive-stopped">
      <HeartIcon />
      <span className="keepalive-notice__text">
        <strong>
          Keep-alive stopped for {notice.droplets.length} {one ? 'droplet' : 'droplets'}:
        </strong>{' '}
        {notice.droplets.map(named).join(', ')}. {one ? 'It was' : 'They were'} kept alive under the profile “{notice.profileName}”, which was closed; Steward no
        longer beats for {one ? 'it' : 'them'}, so a real silence will show again.
      </span>
      <button type="button" className="link-button keepalive-notice__dismiss" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

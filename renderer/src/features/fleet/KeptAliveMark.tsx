/** Marks a droplet Steward beats for (keep-alive): its own silence would not show, so say so. */
import { HeartIcon } from '../../ui/HeartIcon';

export const KEPT_ALIVE_TITLE =
  'Kept alive: Steward is sending this droplet’s heartbeats, so it looks alive even if the droplet itself has gone silent. Stop keep-alive in the Heartbeat panel.';

export function KeptAliveMark() {
  return (
    <span className="kept-alive" title={KEPT_ALIVE_TITLE} data-testid="kept-alive">
      <HeartIcon />
      kept alive
    </span>
  );
}

/** Which Orchestrator this is, how fresh the fleet is, and the actions that apply to the whole app. */
import { useQueryClient } from '@tanstack/react-query';
import { formatAgo } from '../../../shared/liveness';
import { errorDetail } from './api';
import { queryKeys } from '../queries/query-keys';
import { useAppInfo } from '../queries/useAppInfo';
import { useWholeFleet } from '../queries/useFleet';
import { useUi } from '../state/ui';
import { formatDuration } from '../domain/format';
import { useFleetFreshness } from '../queries/useFleetFreshness';
import { useKeepAlive } from '../queries/useKeepAlive';
import { HeartIcon } from '../ui/HeartIcon';
import { ProblemCount } from '../features/events/ProblemCount';
import { ThemePicker } from './ThemePicker';
import { useOverlays } from '../state/overlays';
import { usePollPace } from '../queries/usePollPace';
import { useInBackground } from '../state/clock';
import { BACKGROUND_TICK_MS } from '../../../shared/background';

/** Main moved a far-off Orchestrator's times onto this computer's clock: say so, and by how much. */
function ClockOffsetTag({ offsetMs }: { offsetMs: number }) {
  if (offsetMs === 0) return null;
  const span = formatDuration(Math.abs(offsetMs) / 1000);
  const way = offsetMs > 0 ? 'ahead' : 'behind';
  return (
    <span className="tag tag-warn" data-testid="clock-offset" title={`The Orchestrator's clock is ${span} ${way} of this computer's. Steward shows its times on this computer's clock, so "late" and "ago" stay right; tell its operator.`}>
      Orchestrator clock {span} {way}
    </span>
  );
}

function ProfileInfo() {
  const info = useAppInfo();
  const fleet = useWholeFleet();
  // App info is retried until it answers; meanwhile say why it has not.
  const failure = info.error ?? info.failureReason;
  if (failure && !info.data) return <span className="topbar-profile error-text">Settings unavailable: {errorDetail(failure).message}</span>;
  if (!info.data) return <span className="topbar-profile muted">Connecting…</span>;
  const { profileName, orchestratorUrl, dialectSetting, embeddedSandbox } = info.data;
  // The dialect of the latest answer is the exact one; app info may predate detection.
  const dialect = fleet.data?.dialect ?? info.data.dialect;
  return (
    <span className="topbar-profile">
      <button type="button" className="profile-name" data-testid="profile-name" title="Connections: switch or edit profiles" onClick={() => useUi.getState().openPanel('profiles')}>
        {profileName}
      </button>
      {embeddedSandbox && <span className="tag">embedded</span>}
      <span className="profile-url mono" title="Orchestrator URL" data-testid="orchestrator-url">
        {orchestratorUrl}
      </span>
      <span className="tag" title={`Dialect setting: ${dialectSetting}`} data-testid="dialect">
        {dialect ?? (dialectSetting === 'auto' ? 'detecting dialect…' : dialectSetting)}
      </span>
      <ClockOffsetTag offsetMs={fleet.data?.clockOffsetMs ?? 0} />
    </span>
  );
}

/** How many droplets Steward beats for: each hides its own silence, so the count is always in view. */
function KeepAliveCount() {
  const entries = useKeepAlive().data ?? [];
  if (entries.length === 0) return null;
  const ids = entries.map((k) => `#${k.dropletId}`).join(', ');
  const open = () => {
    const ui = useUi.getState();
    if (ui.selectedId === null || !entries.some((k) => k.dropletId === ui.selectedId)) ui.select(entries[0]!.dropletId);
    ui.openPanel('heartbeat');
  };
  return (
    <button
      type="button"
      className="tag tag-keepalive"
      data-testid="keepalive-count"
      title={`Steward is sending heartbeats for ${ids}: a real silence of ${entries.length === 1 ? 'that droplet' : 'those droplets'} will not show. Click to see or stop them.`}
      onClick={open}
    >
      <HeartIcon />
      {entries.length} kept alive
    </button>
  );
}

/** Which way the fleet stays current: pushed changes with a poll a minute, or polling alone. */
function PaceTag() {
  const pace = usePollPace();
  const every = formatDuration(pace.intervalMs / 1000);
  if (pace.mode === 'live') {
    return (
      <span className="tag tag-live" data-testid="poll-pace" title={`Status changes arrive as they happen over the Orchestrator's live feed; the whole fleet is read every ${every} for beats and metrics. Should the feed drop, Steward polls at the profile's interval at once.`}>
        Live<span className="pace-detail"> · polls every {every}</span>
      </span>
    );
  }
  return (
    <span className="tag" data-testid="poll-pace" title="No live feed is delivering: every change is seen by polling the fleet.">
      Polling<span className="pace-detail"> every {every}</span>
    </span>
  );
}

/** Says why the "ago" texts move in steps while the steward works in another window. */
function BackgroundTag() {
  const background = useInBackground();
  if (!background) return null;
  const every = formatDuration(BACKGROUND_TICK_MS / 1000);
  return (
    <span className="tag" data-testid="background-refresh" title={`Another window has the focus, so to stay quiet Steward moves its "ago" texts, pushed status changes and late verdicts on every ${every} instead of every second; a poll's answer still shows as it lands. Desktop notifications are not held back; click Steward to bring the screen up to date at once.`}>
      Background<span className="pace-detail"> · updates every {every}</span>
    </span>
  );
}

function FreshnessMarker() {
  const f = useFleetFreshness();
  if (!f.hasData) return <span className="freshness muted">{f.fetching ? 'Loading…' : 'No data yet'}</span>;
  const ago = formatAgo(f.ageSeconds);
  if (f.stale) {
    return (
      <span className="freshness stale" data-testid="freshness" title={f.reason ?? undefined}>
        <span className="stale-dot" aria-hidden="true" />
        Stale · updated {ago}
      </span>
    );
  }
  return (
    <span className="freshness" data-testid="freshness">
      Updated {ago}
    </span>
  );
}

export function TopBar() {
  const queryClient = useQueryClient();
  const openNewRegistration = useUi((s) => s.openNewRegistration);
  const fetching = useWholeFleet().isFetching;
  return (
    <header className="topbar">
      <span className="app-name">Steward</span>
      <ProfileInfo />
      <span className="topbar-spacer" />
      <ProblemCount />
      <KeepAliveCount />
      <PaceTag />
      <BackgroundTag />
      <FreshnessMarker />
      <button type="button" className="button" title="Command palette (Ctrl+K)" aria-label="Commands" aria-keyshortcuts="Control+K" onClick={() => useOverlays.getState().show('palette')}>
        <span aria-hidden="true">⌘</span>
        <span className="topbar-commands-word">Commands</span>
      </button>
      <ThemePicker />
      <button
        type="button"
        className="button"
        aria-label="Refresh now"
        disabled={fetching}
        onClick={() => void queryClient.refetchQueries({ queryKey: queryKeys.fleetAll, type: 'active' })}
      >
        <span className={fetching ? 'refresh-icon spinning' : 'refresh-icon'} aria-hidden="true">
          ↻
        </span>
        Refresh
      </button>
      <button type="button" className="button primary" onClick={openNewRegistration}>
        Register droplet…
      </button>
    </header>
  );
}

/** The window: top bar, stale banner, the fleet on the left and the droplet pane on the right. */
import { useEffect } from 'react';
import { SidePane } from './SidePane';
import { prefetchCharts } from '../features/details/DetailsPane';
import { StaleBanner } from '../features/fleet/StaleBanner';
import { StorageWarning } from './StorageWarning';
import { TopBar } from './TopBar';
import { useLiveStatus } from '../queries/useLiveStatus';
import { useProfileChanges } from '../queries/useProfileChanges';
import { usePollPaceChanges } from '../queries/usePollPace';
import { FleetView } from '../features/fleet/FleetView';
import { useKeepAliveStops } from '../queries/useKeepAlive';
import { useProbeEvents } from '../queries/useProbes';
import { KeepAliveStoppedNotice } from '../features/heartbeat/KeepAliveStoppedNotice';

const CHARTS_PREFETCH_MS = 1_500;

export function App() {
  useLiveStatus();
  useProfileChanges();
  usePollPaceChanges();
  useKeepAliveStops();
  useProbeEvents();
  // After the fleet's first paint, so the charts' chunk is ready before the first selection.
  useEffect(() => {
    const timer = setTimeout(prefetchCharts, CHARTS_PREFETCH_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="app">
      <TopBar />
      <KeepAliveStoppedNotice />
      <StaleBanner />
      <StorageWarning />
      <div className="app-body">
        <FleetView />
        <SidePane />
      </div>
    </div>
  );
}

/** The window: top bar, stale banner, the fleet on the left and the droplet pane on the right. */
import { SidePane } from './SidePane';
import { StaleBanner } from '../features/fleet/StaleBanner';
import { StorageWarning } from './StorageWarning';
import { TopBar } from './TopBar';
import { useLiveStatus } from '../queries/useLiveStatus';
import { useProfileChanges } from '../queries/useProfileChanges';
import { FleetView } from '../features/fleet/FleetView';
import { useKeepAliveStops } from '../queries/useKeepAlive';
import { KeepAliveStoppedNotice } from '../features/heartbeat/KeepAliveStoppedNotice';

export function App() {
  useLiveStatus();
  useProfileChanges();
  useKeepAliveStops();
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

/** The window: top bar, stale banner, the fleet on the left and the droplet pane on the right. */
import { SidePane } from './SidePane';
import { StaleBanner } from '../features/fleet/StaleBanner';
import { StorageWarning } from './StorageWarning';
import { TopBar } from './TopBar';
import { useLiveStatus } from '../queries/useLiveStatus';
import { useProfileChanges } from '../queries/useProfileChanges';
import { FleetView } from '../features/fleet/FleetView';

export function App() {
  useLiveStatus();
  useProfileChanges();
  return (
    <div className="app">
      <TopBar />
      <StaleBanner />
      <StorageWarning />
      <div className="app-body">
        <FleetView />
        <SidePane />
      </div>
    </div>
  );
}

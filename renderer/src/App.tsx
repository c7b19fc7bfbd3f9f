/** The window: top bar, stale banner, the fleet on the left and the droplet pane on the right. */
import { SidePane } from './components/SidePane';
import { StaleBanner } from './components/StaleBanner';
import { TopBar } from './components/TopBar';
import { useLiveStatus } from './queries/useLiveStatus';
import { useProfileChanges } from './queries/useProfileChanges';
import { FleetView } from './views/fleet/FleetView';

export function App() {
  useLiveStatus();
  useProfileChanges();
  return (
    <div className="app">
      <TopBar />
      <StaleBanner />
      <div className="app-body">
        <FleetView />
        <SidePane />
      </div>
    </div>
  );
}

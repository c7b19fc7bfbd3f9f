/** The window: top bar, stale banner, the fleet on the left and the droplet pane on the right. */
import { useEffect, type CSSProperties } from 'react';
import { SidePane } from './SidePane';
import { prefetchCharts } from '../features/details/DetailsPane';
import { StaleBanner } from '../features/fleet/StaleBanner';
import { StorageWarning } from './StorageWarning';
import { TopBar } from './TopBar';
import { useLiveStatus } from '../queries/useLiveStatus';
import { useDetailsReadOnSelect } from '../queries/useDroplet';
import { useProfileChanges } from '../queries/useProfileChanges';
import { useRememberedPrefs } from '../queries/usePrefs';
import { PrefsWarning } from './PrefsWarning';
import { SimulatedBanner } from '../features/onboarding/SimulatedBanner';
import { AddOrchestratorWizard } from '../features/onboarding/AddOrchestratorWizard';
import { useWizard } from '../state/wizard';
import { usePollPaceChanges } from '../queries/usePollPace';
import { FleetView } from '../features/fleet/FleetView';
import { useKeepAliveStops } from '../queries/useKeepAlive';
import { useProbeEvents } from '../queries/useProbes';
import { KeepAliveStoppedNotice } from '../features/heartbeat/KeepAliveStoppedNotice';
import { useAttentionPushes, useAwaySummaryOnReturn } from '../queries/useAttention';
import { AwayCard } from '../features/events/AwayCard';
import { useLayout } from '../state/layout';
import { useOverlays } from '../state/overlays';
import { PaneSplitter } from './PaneSplitter';
import { CommandPalette } from './CommandPalette';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useShortcuts } from './useShortcuts';
import { useThemeEffect } from './useThemeEffect';

/** The collapsed pane's edge: one click (or Ctrl+B) brings the pane back. */
function ShowPaneButton() {
  return (
    <button type="button" className="pane-show" aria-label="Show pane" title="Show pane (Ctrl+B)" onClick={() => useLayout.getState().setPaneCollapsed(false)}>
      <span aria-hidden="true">⇤</span>
    </button>
  );
}

export function App() {
  useLiveStatus();
  useDetailsReadOnSelect();
  useProfileChanges();
  useRememberedPrefs();
  const wizardOpen = useWizard((s) => s.open);
  usePollPaceChanges();
  useKeepAliveStops();
  useAttentionPushes();
  useAwaySummaryOnReturn();
  useThemeEffect();
  useShortcuts();
  const paneWidth = useLayout((s) => s.paneWidth);
  const collapsed = useLayout((s) => s.paneCollapsed);
  const maximized = useLayout((s) => s.paneMaximized);
  const overlay = useOverlays((s) => s.open);
  useProbeEvents();
  // At once, while the first poll is out: the charts' chunk is then ready for a selection made
  // as soon as the fleet shows (fetched and compiled beside the poll, not in the way of its paint).
  // A chunk that fails to load here is asked again, and its failure shown, where the charts are
  // first drawn; nor may a fetch still out when the window (or a test) goes away reject unheard.
  useEffect(() => {
    prefetchCharts().catch(() => undefined);
  }, []);
  return (
    <div className="app">
      <TopBar />
      <SimulatedBanner />
      <KeepAliveStoppedNotice />
      <StaleBanner />
      <StorageWarning />
      <AwayCard />
      <PrefsWarning />
      {/* The pane's width is one CSS variable; collapsed or full-window are classes. */}
      <div
        className={`app-body${collapsed ? ' pane-collapsed' : ''}${maximized ? ' pane-maximized' : ''}`}
        style={{ '--pane-width': `${paneWidth}px` } as CSSProperties}
      >
        <FleetView />
        {!collapsed && !maximized && <PaneSplitter />}
        {collapsed ? <ShowPaneButton /> : <SidePane />}
      </div>
      {overlay === 'palette' && <CommandPalette />}
      {overlay === 'shortcuts' && <ShortcutsDialog />}
      {wizardOpen && <AddOrchestratorWizard />}
    </div>
  );
}

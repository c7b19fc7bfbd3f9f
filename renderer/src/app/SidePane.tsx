/** The right-hand pane: the selected droplet's details and heartbeat, registration, and the log. */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useUi, type Panel } from '../state/ui';
import { useLayout } from '../state/layout';
import { DetailsPane } from '../features/details/DetailsPane';
import { HeartbeatPanel } from '../features/heartbeat/HeartbeatPanel';
import { CommsLogView } from '../features/log/CommsLogView';
import { ProfilesView } from '../features/profiles/ProfilesView';
import { RegisterForm } from '../features/register/RegisterForm';
import { EventsView } from '../features/events/EventsView';
import { DependenciesView } from '../features/probes/DependenciesView';

// `short` is what fits the pane's tab strip; `label` stays the accessible name and tooltip.
const TABS: readonly { panel: Panel; label: string; short?: string }[] = [
  { panel: 'details', label: 'Details' },
  { panel: 'heartbeat', label: 'Heartbeat' },
  { panel: 'register', label: 'Register' },
  { panel: 'events', label: 'Events' },
  { panel: 'log', label: 'Communications log', short: 'Log' },
  { panel: 'dependencies', label: 'Dependencies', short: 'Deps' },
  { panel: 'profiles', label: 'Connections' },
];

function NoSelection() {
  return <p className="pane-empty">Select a droplet in the table to see it here.</p>;
}

function PanelContent({ panel, selectedId, registerNew }: { panel: Panel; selectedId: number | null; registerNew: boolean }): ReactNode {
  switch (panel) {
    case 'details':
      // Not keyed by droplet: moving to another updates the pane rather than building it again
      // (its parts that hold one droplet's state are keyed inside).
      return selectedId === null ? <NoSelection /> : <DetailsPane dropletId={selectedId} />;
    case 'heartbeat':
      return selectedId === null ? <NoSelection /> : <HeartbeatPanel key={selectedId} dropletId={selectedId} />;
    case 'register':
      // From "Register droplet…": an empty form; from the tab or the details pane: the selected droplet.
      return registerNew ? <RegisterForm key="new" prefillId={null} /> : <RegisterForm key="selected" />;
    case 'log':
      return <CommsLogView />;
    case 'profiles':
      return <ProfilesView />;
    case 'events':
      return <EventsView />;
    case 'dependencies':
      return <DependenciesView />;
  }
}

/** WAI-ARIA tabs: arrows move (and select) along the strip, wrapping; Home and End jump to its ends. */
function tabAfter(key: string, current: Panel): Panel | null {
  const i = TABS.findIndex((t) => t.panel === current);
  const n = TABS.length;
  switch (key) {
    case 'ArrowRight':
      return TABS[(i + 1) % n]!.panel;
    case 'ArrowLeft':
      return TABS[(i - 1 + n) % n]!.panel;
    case 'Home':
      return TABS[0]!.panel;
    case 'End':
      return TABS[n - 1]!.panel;
    default:
      return null;
  }
}

/** Fill the window with the pane (the log, Connections, the charts) or put the fleet back; hide the pane. */
function PaneControls() {
  const maximized = useLayout((s) => s.paneMaximized);
  const setMaximized = useLayout((s) => s.setPaneMaximized);
  const togglePane = useLayout((s) => s.togglePane);
  return (
    <span className="pane-controls">
      <button
        type="button"
        className="icon-button"
        aria-pressed={maximized}
        aria-label={maximized ? 'Back beside the fleet' : 'Full window'}
        title={maximized ? 'Back beside the fleet (Ctrl+Shift+M, Esc)' : 'Full window (Ctrl+Shift+M)'}
        onClick={() => setMaximized(!maximized)}
      >
        <span aria-hidden="true">{maximized ? '⤡' : '⤢'}</span>
      </button>
      <button type="button" className="icon-button" aria-label="Hide pane" title="Hide pane (Ctrl+B)" onClick={togglePane}>
        <span aria-hidden="true">⇥</span>
      </button>
    </span>
  );
}

export function SidePane() {
  const panel = useUi((s) => s.panel);
  const selectedId = useUi((s) => s.selectedId);
  const openPanel = useUi((s) => s.openPanel);
  const registerNew = useUi((s) => s.registerNew);
  const strip = useRef<HTMLDivElement>(null);
  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = tabAfter(e.key, panel);
    if (!next) return;
    e.preventDefault();
    openPanel(next);
    strip.current?.querySelector<HTMLElement>(`#pane-tab-${next}`)?.focus();
  };
  return (
    <aside className="side-pane" id="side-pane" aria-label="Droplet pane">
      <div className="pane-head">
        <div className="pane-tabs" role="tablist" aria-label="Pane" ref={strip} onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.panel}
              type="button"
              role="tab"
              id={`pane-tab-${t.panel}`}
              aria-selected={panel === t.panel}
              aria-controls="pane-panel"
              tabIndex={panel === t.panel ? 0 : -1}
              className={panel === t.panel ? 'pane-tab active' : 'pane-tab'}
              onClick={() => openPanel(t.panel)}
              aria-label={t.label}
              title={t.label}
            >
              {t.short ?? t.label}
            </button>
          ))}
        </div>
        <PaneControls />
      </div>
      <div className="pane-body" role="tabpanel" id="pane-panel" aria-labelledby={`pane-tab-${panel}`}>
        <PanelContent panel={panel} selectedId={selectedId} registerNew={registerNew} />
      </div>
    </aside>
  );
}

/** The right-hand pane: the selected droplet's details and heartbeat, registration, and the log. */
import type { ReactNode } from 'react';
import { useUi, type Panel } from '../state/ui';
import { DetailsPane } from '../features/details/DetailsPane';
import { HeartbeatPanel } from '../features/heartbeat/HeartbeatPanel';
import { CommsLogView } from '../features/log/CommsLogView';
import { ProfilesView } from '../features/profiles/ProfilesView';
import { RegisterForm } from '../features/register/RegisterForm';
import { DependenciesView } from '../features/probes/DependenciesView';

// `short` is what fits the pane's tab strip; `label` stays the accessible name and tooltip.
const TABS: readonly { panel: Panel; label: string; short?: string }[] = [
  { panel: 'details', label: 'Details' },
  { panel: 'heartbeat', label: 'Heartbeat' },
  { panel: 'register', label: 'Register' },
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
      return selectedId === null ? <NoSelection /> : <DetailsPane key={selectedId} dropletId={selectedId} />;
    case 'heartbeat':
      return selectedId === null ? <NoSelection /> : <HeartbeatPanel key={selectedId} dropletId={selectedId} />;
    case 'register':
      // From "Register droplet…": an empty form; from the tab or the details pane: the selected droplet.
      return registerNew ? <RegisterForm key="new" prefillId={null} /> : <RegisterForm key="selected" />;
    case 'log':
      return <CommsLogView />;
    case 'profiles':
      return <ProfilesView />;
    case 'dependencies':
      return <DependenciesView />;
  }
}

export function SidePane() {
  const panel = useUi((s) => s.panel);
  const selectedId = useUi((s) => s.selectedId);
  const openPanel = useUi((s) => s.openPanel);
  const registerNew = useUi((s) => s.registerNew);
  return (
    <aside className="side-pane" aria-label="Droplet pane">
      <div className="pane-tabs" role="tablist" aria-label="Pane">
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
      <div className="pane-body" role="tabpanel" id="pane-panel" aria-labelledby={`pane-tab-${panel}`}>
        <PanelContent panel={panel} selectedId={selectedId} registerNew={registerNew} />
      </div>
    </aside>
  );
}

/**
 * What each command of the table (shared/commands.ts) does in the window. Keys, the command
 * palette and the application menu all come here, so a command behaves the same from each.
 */
import type { QueryClient } from '@tanstack/react-query';
import { commandById, type CommandId } from '../../../shared/commands';
import { queryKeys } from '../queries/query-keys';
import { useLayout } from '../state/layout';
import { useOverlays } from '../state/overlays';
import { useTheme } from '../state/theme';
import { useUi } from '../state/ui';
import { systemIsDark } from './useThemeEffect';
import { muteDroplets, muteWords } from '../queries/useAttention';
import { useFleetNote } from '../state/fleet-note';
import { useWizard } from '../state/wizard';
import { errorDetail } from './api';

export interface CommandContext {
  queryClient: QueryClient;
}

export function focusSearch(): void {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Search droplets"]');
  if (!input) return;
  input.focus();
  input.select();
}

/** Escape outside a field: leave a full-window view, close a form, or clear the selection. */
function escape(): void {
  const layout = useLayout.getState();
  const ui = useUi.getState();
  if (layout.paneMaximized) layout.setPaneMaximized(false);
  else if (ui.panel === 'register' || ui.panel === 'heartbeat') ui.openPanel('details');
  else ui.select(null);
}

function showPanel(panel: 'heartbeat' | 'details' | 'log' | 'profiles' | 'events'): void {
  useLayout.getState().setPaneCollapsed(false);
  useUi.getState().openPanel(panel);
}

export function runCommand(id: CommandId, ctx: CommandContext): void {
  if (commandById(id).unavailable) return;
  switch (id) {
    case 'commandPalette':
      useOverlays.getState().show('palette');
      return;
    case 'shortcuts':
      useOverlays.getState().show('shortcuts');
      return;
    case 'chooseColumns':
      useOverlays.getState().show('columns');
      return;
    case 'focusSearch':
      useOverlays.getState().close();
      focusSearch();
      return;
    case 'clearSelection':
      escape();
      return;
    case 'refresh':
      void ctx.queryClient.refetchQueries({ queryKey: queryKeys.fleetAll, type: 'active' });
      return;
    case 'register':
      useLayout.getState().setPaneCollapsed(false);
      useUi.getState().openNewRegistration();
      return;
    case 'sendHeartbeat':
      showPanel('heartbeat');
      return;
    case 'openDetails':
      showPanel('details');
      return;
    case 'openLog':
      showPanel('log');
      return;
    case 'addOrchestrator':
      useWizard.getState().show();
      return;
    case 'openConnections':
      showPanel('profiles');
      return;
    case 'togglePane':
      useLayout.getState().togglePane();
      return;
    case 'maximizePane': {
      const layout = useLayout.getState();
      layout.setPaneMaximized(!layout.paneMaximized);
      return;
    }
    case 'toggleTheme':
      useTheme.getState().toggle(systemIsDark());
      return;
    case 'mute': {
      const id = useUi.getState().selectedId;
      if (id === null) return;
      muteDroplets(ctx.queryClient, [id], '1h').then(
        () => useFleetNote.getState().say(muteWords([id], '1h'), 'ok'),
        (e: unknown) => useFleetNote.getState().say(`Could not mute droplet ${id}: ${errorDetail(e).message}`, 'error'),
      );
      return;
    }
    case 'openEvents':
      showPanel('events');
      return;
  }
}

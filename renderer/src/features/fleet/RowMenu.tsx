/**
 * The right-click (or Shift+F10, or the Menu key) menu of a fleet row: copy its id or endpoint,
 * send a heartbeat now, keep it alive, mute, open its details. Mute waits for the attention
 * engine: until main answers muteAttention it is shown disabled, saying so.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { Droplet } from '../../../../shared/model';
import { call, errorDetail } from '../../app/api';
import { queryKeys } from '../../queries/query-keys';
import { useStopKeepAlive } from '../../queries/useKeepAlive';
import { useFleetNote } from '../../state/fleet-note';
import { useUi } from '../../state/ui';
import { ContextMenu, type MenuItem } from '../../ui/ContextMenu';
import { copyText, quickBeat } from './row-actions';

export interface RowMenuProps {
  droplet: Droplet;
  keptAlive: boolean;
  x: number;
  y: number;
  onClose(): void;
}

/** Until the attention engine lands (muteAttention in ipcMethods), muting cannot be offered. */
export const MUTE_UNAVAILABLE = 'Muting arrives with attention alerts';

export function RowMenu({ droplet: d, keptAlive, x, y, onClose }: RowMenuProps) {
  const qc = useQueryClient();
  const stopKeepAlive = useStopKeepAlive();
  const note = useFleetNote.getState().say;

  const copy = async (text: string, what: string) => note((await copyText(text)) ? `Copied ${what}: ${text}` : `Could not copy the ${what}: the clipboard is not available.`, 'ok');

  const beat = async () => {
    try {
      await call('sendHeartbeat', quickBeat(d));
      note(`Heartbeat sent for droplet ${d.id} (${d.name}).`, 'ok');
      void qc.invalidateQueries({ queryKey: queryKeys.fleetAll });
      void qc.invalidateQueries({ queryKey: queryKeys.droplet(d.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.history(d.id) });
    } catch (e) {
      note(`Heartbeat for droplet ${d.id} failed: ${errorDetail(e).message}`, 'error');
    }
  };

  const items: MenuItem[] = [
    { label: 'Copy id', onSelect: () => void copy(String(d.id), 'id') },
    d.endpoint !== null
      ? { label: 'Copy endpoint', onSelect: () => void copy(d.endpoint!, 'endpoint') }
      : { label: 'Copy endpoint', onSelect: () => undefined, disabled: true, hint: 'This droplet has no endpoint' },
    { label: 'Send heartbeat', separated: true, onSelect: () => void beat(), hint: 'With its last status and metrics' },
    keptAlive
      ? {
          label: 'Stop keeping alive',
          onSelect: () =>
            stopKeepAlive.mutate(d.id, {
              onSuccess: () => note(`Steward no longer beats for droplet ${d.id}.`, 'ok'),
              onError: (e) => note(`Could not stop keeping droplet ${d.id} alive: ${errorDetail(e).message}`, 'error'),
            }),
        }
      : {
          label: 'Keep alive…',
          hint: 'Opens the heartbeat panel, where keeping alive is confirmed',
          onSelect: () => {
            useUi.getState().select(d.id);
            useUi.getState().openPanel('heartbeat');
          },
        },
    { label: 'Mute', onSelect: () => undefined, disabled: true, hint: MUTE_UNAVAILABLE },
    { label: 'Open details', separated: true, onSelect: () => useUi.getState().showDroplet(d.id) },
  ];
  return <ContextMenu label={`Droplet ${d.id} ${d.name}`} x={x} y={y} items={items} onClose={onClose} />;
}

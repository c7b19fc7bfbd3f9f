/**
 * The right-click (or Shift+F10, or the Menu key) menu of a fleet row: copy its id or endpoint,
 * send a heartbeat now, keep it alive, mute its notifications (or unmute), open its details.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { Droplet } from '../../../../shared/model';
import { call, errorDetail } from '../../app/api';
import { queryKeys } from '../../queries/query-keys';
import { useStopKeepAlive } from '../../queries/useKeepAlive';
import { muteDroplets, muteWords, useAttentionSettings } from '../../queries/useAttention';
import type { MuteSpan } from '../../../../shared/attention';
import { useFleetNote } from '../../state/fleet-note';
import { useUi } from '../../state/ui';
import { useNow } from '../../state/clock';
import { muteInForce } from '../events/attention-text';
import { ContextMenu, type MenuItem } from '../../ui/ContextMenu';
import { copyText, quickBeat } from './row-actions';

export interface RowMenuProps {
  droplet: Droplet;
  keptAlive: boolean;
  x: number;
  y: number;
  onClose(): void;
}

export function RowMenu({ droplet: d, keptAlive, x, y, onClose }: RowMenuProps) {
  const qc = useQueryClient();
  const stopKeepAlive = useStopKeepAlive();
  const note = useFleetNote.getState().say;
  const now = useNow();
  const muted = muteInForce(useAttentionSettings().data?.mutes.droplets[String(d.id)], now);

  const mute = async (span: MuteSpan) => {
    try {
      await muteDroplets(qc, [d.id], span);
      note(muteWords([d.id], span), 'ok');
    } catch (e) {
      note(`Could not ${span === 'off' ? 'unmute' : 'mute'} droplet ${d.id}: ${errorDetail(e).message}`, 'error');
    }
  };

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
    ...(muted
      ? [{ label: 'Unmute', onSelect: () => void mute('off'), hint: 'Notifications and tray alerts for it again' }]
      : [
          { label: 'Mute for 1 hour', onSelect: () => void mute('1h'), hint: 'No notifications or tray alerts for it' },
          { label: 'Mute until tomorrow', onSelect: () => void mute('tomorrow') },
        ]),
    { label: 'Open details', separated: true, onSelect: () => useUi.getState().showDroplet(d.id) },
  ];
  return <ContextMenu label={`Droplet ${d.id} ${d.name}`} x={x} y={y} items={items} onClose={onClose} />;
}

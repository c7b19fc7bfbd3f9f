/**
 * The window's keyboard shortcuts and the application menu's clicks, both run through
 * `runCommand`. Unmodified keys ("/", "?", Escape) are left to a field being typed in.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { commandForKey } from '../../../shared/commands';
import { useOverlays } from '../state/overlays';
import { runCommand } from './run-command';

export const isMac = (): boolean => /Mac/i.test(navigator.platform);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function useShortcuts(): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    const ctx = { queryClient };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      // A modal dialog handles its own keys (Escape closes it); the Columns menu is not modal.
      const open = useOverlays.getState().open;
      if (open === 'palette' || open === 'shortcuts') return;
      if (open === 'columns' && e.key === 'Escape') {
        useOverlays.getState().close();
        return;
      }
      const command = commandForKey(e, isMac());
      if (!command) return;
      const modified = command.keys.some((k) => k.mod) && (e.ctrlKey || e.metaKey);
      if (!modified && isTyping(e.target)) return;
      e.preventDefault();
      runCommand(command.id, ctx);
    };
    window.addEventListener('keydown', onKey);
    const offMenu = window.steward?.on?.('menuCommand', ({ command }) => runCommand(command, ctx));
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu?.();
    };
  }, [queryClient]);
}

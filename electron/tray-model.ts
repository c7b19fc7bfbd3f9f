/**
 * What the tray shows, from the fleet's problems: the icon (the worst unmuted state, with the
 * problem count), the tooltip, and the menu (up to five problems, each opening the droplet;
 * mute all for an hour; open Steward; quit). Pure, so it is tested without Electron.
 */
import type { Problems, WatchedState } from '../shared/attention';

export type TrayTone = 'ok' | 'late' | 'inactive' | 'error' | 'muted';

export type TrayItem =
  | { kind: 'problem'; id: number; label: string }
  | { kind: 'muteAll'; label: string; enabled: boolean }
  | { kind: 'open'; label: string }
  | { kind: 'quit'; label: string }
  | { kind: 'separator' }
  | { kind: 'info'; label: string };

export interface TrayModel {
  tone: TrayTone;
  /** Drawn on the icon; 0 draws none. */
  count: number;
  tooltip: string;
  items: TrayItem[];
}

const WORDS: Partial<Record<WatchedState, string>> = { error: 'error', inactive: 'inactive', late: 'late' };

function toneOf(worst: WatchedState | null): TrayTone {
  return worst === 'error' || worst === 'inactive' || worst === 'late' ? worst : 'ok';
}

export function trayModel(p: Problems, opts: { allMuted: boolean }): TrayModel {
  const tone: TrayTone = p.unmutedCount > 0 ? toneOf(p.worst) : p.count > 0 || opts.allMuted ? 'muted' : 'ok';
  const noun = (n: number) => `${n} ${n === 1 ? 'problem' : 'problems'}`;
  const tooltip =
    p.count === 0
      ? `Steward: no problems${opts.allMuted ? ' (notifications muted)' : ''}`
      : `Steward: ${noun(p.count)}${p.unmutedCount < p.count ? `, ${p.count - p.unmutedCount} muted` : ''}`;
  const items: TrayItem[] = [];
  if (p.count === 0) items.push({ kind: 'info', label: 'No problems' });
  for (const d of p.top) items.push({ kind: 'problem', id: d.id, label: `${d.name} — ${WORDS[d.state] ?? d.state}${d.muted ? ' (muted)' : ''}` });
  if (p.count > p.top.length) items.push({ kind: 'info', label: `…and ${p.count - p.top.length} more` });
  items.push({ kind: 'separator' });
  items.push({ kind: 'muteAll', label: opts.allMuted ? 'Notifications muted' : 'Mute all for 1 hour', enabled: !opts.allMuted });
  items.push({ kind: 'open', label: 'Open Steward' });
  items.push({ kind: 'quit', label: 'Quit Steward' });
  return { tone, count: p.unmutedCount, tooltip, items };
}

/** "Steward — 3 problems"; just "Steward" when there are none unmuted. */
export function windowTitle(p: Problems): string {
  return p.unmutedCount === 0 ? 'Steward' : `Steward — ${p.unmutedCount} ${p.unmutedCount === 1 ? 'problem' : 'problems'}`;
}

/**
 * Desktop notifications from main: one per grouped event, when notifications are on, the
 * event's kind is toggled on and it was not raised while muted. Clicking one shows the window
 * with that droplet (or the group) selected. Electron's Notification comes in as a narrow
 * factory so this is tested without Electron.
 */
import type { AttentionEvent, AttentionKind, AttentionSettings, FocusDroplet } from '../shared/attention';

export interface NotificationLike {
  on(event: 'click', listener: () => void): void;
  show(): void;
}

export interface NotifierDeps {
  /** Electron's `new Notification(o)`; null (or answering null) where the system has none. */
  create: ((o: { title: string; body: string }) => NotificationLike | null) | null;
  /** The open profile's settings as last heard; null before they are known (nothing is shown). */
  settings(): AttentionSettings | null;
  /** Show, restore and focus the window, then ask it to show this. */
  focus(target: FocusDroplet): void;
}

const TITLES: Record<AttentionKind, string> = {
  error: 'Droplet in error',
  inactive: 'Droplet inactive',
  late: 'Droplet late',
  recovered: 'Droplet recovered',
  registered: 'Droplet registered',
  disappeared: 'Droplet gone',
  flapping: 'Droplet flapping',
  metric: 'Metric rule crossed',
  fleet_emptied: 'Fleet empty',
  restarted: 'Droplet restarted',
  probe_unanswered: "Droplet's /health silent",
  probe_answering: "Droplet's /health answers again",
};

/** The notification's title: "Droplet inactive", or "30 droplets inactive" for a group. */
export function notificationTitle(e: AttentionEvent): string {
  if (e.count <= 1 || e.kind === 'fleet_emptied') return TITLES[e.kind];
  return `${e.count} ${TITLES[e.kind].replace(/^Droplet's /, "droplets' ").replace(/^Droplet /, 'droplets ').replace(/^Metric rule crossed$/, 'metric rules crossed')}`;
}

export function shouldNotify(e: AttentionEvent, s: AttentionSettings | null): boolean {
  return s !== null && s.notify && s.toggles[e.kind] && !e.muted;
}

export function focusTarget(e: AttentionEvent): FocusDroplet {
  const ids = e.items.map((i) => i.id);
  return { dropletId: ids.length === 1 ? ids[0]! : null, ids, eventId: e.id };
}

export function createNotifier(deps: NotifierDeps): { notify(e: AttentionEvent): boolean } {
  return {
    notify(e) {
      if (!deps.create || !shouldNotify(e, deps.settings())) return false;
      const n = deps.create({ title: notificationTitle(e), body: e.summary });
      if (!n) return false;
      n.on('click', () => deps.focus(focusTarget(e)));
      n.show();
      return true;
    },
  };
}

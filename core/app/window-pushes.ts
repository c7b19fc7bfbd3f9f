/**
 * The service's pushes on their way to the window. While the window is in the background
 * (another window has the focus, or it is hidden), the frequent ones are held: at 10,000
 * droplets the live feed pushes several a second, each crossing wakes the window's renderer, and
 * the window shows them only on its refresh every BACKGROUND_TICK_MS then anyway. Held pushes go
 * as one message just before that refresh, so they show on it; at once when the window comes to
 * the front; and before any push that never waits, so those keep their order with the held ones.
 * Within a message, kinds are grouped: every status change in the order it came, every attention
 * event, the probe ids changed, then the newest problem count and keep-alive list. Status changes
 * are never folded: the window puts a pushed change back over a poll's older answer only when it
 * follows from the status that answer shows (`keepPushesNewerThanAnswer`), so it needs each one.
 * Desktop notifications and the tray are main's and never wait here.
 */
import { BACKGROUND_TICK_MS } from '../../shared/background';
import type { IpcEventName } from '../../shared/ipc-contract';

/** Held pushes are sent this long before the window's background refresh, so they arrive first. */
export const FLUSH_LEAD_MS = 250;

export type SendToWindow = (event: IpcEventName, payload: unknown) => void;

export interface WindowPushesOptions {
  /** One event to the window. */
  send: SendToWindow;
  /** Several, in order, as one message (EVENT_BATCH_CHANNEL). */
  sendMany: (events: [IpcEventName, unknown][]) => void;
  now?: () => number;
}

/** What says whether a window is in the background (Electron's BrowserWindow has these). */
export interface WindowState {
  isVisible(): boolean;
  isMinimized(): boolean;
  isFocused(): boolean;
}

export const inBackground = (w: WindowState): boolean => !w.isVisible() || w.isMinimized() || !w.isFocused();

/** Pushes that may wait; push() keeps each kind its own way. */
const HELD = new Set<IpcEventName>(['statusChanged', 'problemsChanged', 'keepAliveChanged', 'probesChanged', 'attentionEvent']);

/** Until just before the window's next background refresh (whole multiples of BACKGROUND_TICK_MS). */
export function msToFlush(now: number): number {
  const ms = BACKGROUND_TICK_MS - (now % BACKGROUND_TICK_MS) - FLUSH_LEAD_MS;
  return ms > 0 ? ms : ms + BACKGROUND_TICK_MS;
}

export class WindowPushes {
  private background = false;
  private statuses: unknown[] = [];
  private attentionEvents: unknown[] = [];
  private readonly probeIds = new Set<number>();
  /** Pushes whose newest payload says it all. */
  private readonly latest = new Map<IpcEventName, unknown>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly send: SendToWindow;
  private readonly sendMany: WindowPushesOptions['sendMany'];
  private readonly now: () => number;

  constructor(opts: WindowPushesOptions) {
    this.send = opts.send;
    this.sendMany = opts.sendMany;
    this.now = opts.now ?? Date.now;
  }

  push(event: IpcEventName, payload: unknown): void {
    if (!this.background || !HELD.has(event)) {
      this.flush();
      this.send(event, payload);
      return;
    }
    if (event === 'statusChanged') this.statuses.push(payload);
    else if (event === 'attentionEvent') this.attentionEvents.push(payload);
    else if (event === 'probesChanged') for (const id of (payload as { ids: number[] }).ids) this.probeIds.add(id);
    else this.latest.set(event, payload);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), msToFlush(this.now()));
    this.timer.unref?.();
  }

  /** The window went to the background (true) or came to the front (false): what is held goes at once. */
  setBackground(background: boolean): void {
    this.background = background;
    if (!background) this.flush();
  }

  /** Sends whatever is held, now: one message however many there are. */
  flush(): void {
    const held = this.take();
    if (held.length === 1) this.send(...held[0]!);
    else if (held.length > 1) this.sendMany(held);
  }

  /** Drops what is held (the window is gone); a new window starts in front until it says otherwise. */
  close(): void {
    this.take();
    this.background = false;
  }

  /** What is held, in the order it is sent, leaving nothing held. */
  private take(): [IpcEventName, unknown][] {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const held: [IpcEventName, unknown][] = [];
    for (const change of this.statuses) held.push(['statusChanged', change]);
    for (const e of this.attentionEvents) held.push(['attentionEvent', e]);
    if (this.probeIds.size > 0) held.push(['probesChanged', { ids: [...this.probeIds] }]);
    for (const entry of this.latest) held.push(entry);
    this.statuses = [];
    this.attentionEvents = [];
    this.probeIds.clear();
    this.latest.clear();
    return held;
  }
}

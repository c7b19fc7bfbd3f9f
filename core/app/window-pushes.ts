/**
 * The service's pushes on their way to the window. While the window is in the background
 * (another window has the focus, or it is hidden), the frequent ones are held and sent together
 * every `holdMs`: at 10,000 droplets the live feed pushes several a second, and each crossing
 * wakes the window's renderer, which shows them only every 30 s then anyway. Held pushes are
 * folded to what the window needs (the newest status per droplet, the newest problem count);
 * any other push sends what is held first, so the window sees everything in its order. Desktop
 * notifications and the tray are main's and never wait here.
 */
import type { StatusChange } from '../../shared/model';
import type { IpcEventName } from '../../shared/ipc-contract';

/** How long a push waits at most while the window is in the background. */
export const BACKGROUND_PUSH_HOLD_MS = 10_000;

export type SendToWindow = (event: IpcEventName, payload: unknown) => void;

export interface WindowPushesOptions {
  /** One event to the window. */
  send: SendToWindow;
  /** Several, in order, as one message (EVENT_BATCH_CHANNEL). */
  sendMany: (events: [IpcEventName, unknown][]) => void;
  holdMs?: number;
}

/** Pushes that may wait; push() folds each kind its own way. */
const HELD = new Set<IpcEventName>(['statusChanged', 'problemsChanged', 'keepAliveChanged', 'probesChanged', 'attentionEvent']);

export class WindowPushes {
  private background = false;
  /** The newest status change per droplet, in the order droplets first changed. */
  private readonly statuses = new Map<number, StatusChange>();
  /** Pushes whose newest payload says it all. */
  private readonly latest = new Map<IpcEventName, unknown>();
  private readonly probeIds = new Set<number>();
  private attentionEvents: unknown[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly send: SendToWindow;
  private readonly sendMany: WindowPushesOptions['sendMany'];
  private readonly holdMs: number;

  constructor(opts: WindowPushesOptions) {
    this.send = opts.send;
    this.sendMany = opts.sendMany;
    this.holdMs = opts.holdMs ?? BACKGROUND_PUSH_HOLD_MS;
  }

  push(event: IpcEventName, payload: unknown): void {
    if (!this.background || !HELD.has(event)) {
      this.flush();
      this.send(event, payload);
      return;
    }
    if (event === 'statusChanged') {
      const change = payload as StatusChange;
      // Re-inserted, so droplets keep the order of their newest change.
      this.statuses.delete(change.dropletId);
      this.statuses.set(change.dropletId, change);
    } else if (event === 'probesChanged') {
      for (const id of (payload as { ids: number[] }).ids) this.probeIds.add(id);
    } else if (event === 'attentionEvent') {
      // Few (grouped by the engine), and each is its own event: all kept.
      this.attentionEvents.push(payload);
    } else {
      this.latest.set(event, payload);
    }
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.holdMs);
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

  /** Drops what is held (the window is gone). */
  close(): void {
    this.take();
  }

  /** What is held, in the order it is sent, leaving nothing held. */
  private take(): [IpcEventName, unknown][] {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const held: [IpcEventName, unknown][] = [];
    for (const change of this.statuses.values()) held.push(['statusChanged', change]);
    for (const e of this.attentionEvents) held.push(['attentionEvent', e]);
    if (this.probeIds.size > 0) held.push(['probesChanged', { ids: [...this.probeIds] }]);
    for (const entry of this.latest) held.push(entry);
    this.statuses.clear();
    this.attentionEvents = [];
    this.probeIds.clear();
    this.latest.clear();
    return held;
  }
}

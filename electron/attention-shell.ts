/**
 * The shell's side of attention: it listens to the service's events and keeps the surfaces
 * in step: a notification per event, the window title and the dock/taskbar badge with the
 * problem count, the tray; it remembers when the window was hidden and, when it comes back,
 * sends the "while you were away" summary; it says whether closing the window should keep
 * Steward running in the tray. Electron objects come in as narrow interfaces.
 */
import { eventChannel, type IpcEventName, type IpcResult } from '../shared/ipc-contract';
import type { AttentionEvent, AttentionSettingsView, AwaySummary, FocusDroplet, Problems } from '../shared/attention';
import { trayModel, windowTitle, type TrayModel } from './tray-model';

export interface ShellWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  setTitle(title: string): void;
  send(channel: string, payload: unknown): void;
}

export interface AttentionShellDeps {
  dispatch(method: string, input: unknown): Promise<IpcResult<unknown>>;
  onEvent(listener: (event: IpcEventName, payload: unknown) => void): () => void;
  /** The window, when one is open. */
  window(): ShellWindow | null;
  /** Opens a window when none is (it calls windowShown once it shows). */
  openWindow(): void;
  setBadgeCount(count: number): void;
  notify(e: AttentionEvent): void;
  updateTray?(model: TrayModel): void;
  now(): number;
}

const NO_PROBLEMS: Problems = { count: 0, unmutedCount: 0, worst: null, top: [] };

export interface AttentionShell {
  /** Reads the open profile's settings and problems (again after a profile switch). */
  refresh(): Promise<void>;
  readonly view: AttentionSettingsView | null;
  readonly problems: Problems;
  /** Whether closing the window should hide it to the tray rather than quit. */
  keepInTray(): boolean;
  windowHidden(): void;
  windowShown(): void;
  /** Show the window with this droplet (or group) selected. */
  focus(target: FocusDroplet): void;
  muteAllForAnHour(): Promise<void>;
  stop(): void;
}

export function createAttentionShell(deps: AttentionShellDeps): AttentionShell {
  let view: AttentionSettingsView | null = null;
  let problems: Problems = NO_PROBLEMS;
  let hiddenSince: number | null = null;
  let pendingFocus: FocusDroplet | null = null;

  const allMuted = (): boolean => {
    const until = view?.mutes.profile;
    return until === null || (until !== undefined && until > deps.now());
  };
  const showProblems = (): void => {
    deps.window()?.setTitle(windowTitle(problems));
    deps.setBadgeCount(problems.unmutedCount);
    deps.updateTray?.(trayModel(problems, { allMuted: allMuted() }));
  };
  const ask = async <T>(method: string, input?: unknown): Promise<T | null> => {
    const r = await deps.dispatch(method, input);
    return r.ok ? (r.value as T) : null;
  };

  const unsubscribe = deps.onEvent((event, payload) => {
    if (event === 'attentionEvent') deps.notify(payload as AttentionEvent);
    else if (event === 'problemsChanged') {
      problems = payload as Problems;
      showProblems();
    } else if (event === 'attentionSettingsChanged') {
      view = payload as AttentionSettingsView;
      showProblems();
    } else if (event === 'profileChanged') void shell.refresh();
  });

  const shell: AttentionShell = {
    async refresh() {
      view = (await ask<AttentionSettingsView>('getAttentionSettings')) ?? view;
      problems = (await ask<Problems>('getProblems')) ?? NO_PROBLEMS;
      showProblems();
    },
    get view() {
      return view;
    },
    get problems() {
      return problems;
    },
    keepInTray: () => view?.settings.keepInTray ?? false,
    windowHidden() {
      hiddenSince ??= deps.now();
    },
    windowShown() {
      const w = deps.window();
      if (w && pendingFocus) {
        w.send(eventChannel('focusDroplet'), pendingFocus);
        pendingFocus = null;
      }
      showProblems();
      const since = hiddenSince;
      hiddenSince = null;
      if (since === null || !w) return;
      void ask<AwaySummary>('getAwaySummary', { sinceMs: since }).then((s) => {
        if (s && s.eventCount > 0) deps.window()?.send(eventChannel('awaySummary'), s);
      });
    },
    focus(target) {
      const w = deps.window();
      if (!w) {
        pendingFocus = target;
        deps.openWindow();
        return;
      }
      if (w.isMinimized()) w.restore();
      w.show();
      w.focus();
      w.send(eventChannel('focusDroplet'), target);
    },
    async muteAllForAnHour() {
      view = (await ask<AttentionSettingsView>('muteAttention', { target: 'profile', span: '1h' })) ?? view;
      showProblems();
    },
    stop: () => unsubscribe(),
  };
  return shell;
}

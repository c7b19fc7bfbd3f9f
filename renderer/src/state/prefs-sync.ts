/**
 * Remembered view settings, per profile: each binding ties one zustand store's slice to a field
 * of shared/prefs.ts. On start and on every profile switch the profile's prefs are loaded and
 * applied; after that, changes are gathered and saved to main, debounced. A save names its
 * profile, so one still pending at a switch lands on the profile it belongs to.
 */
import type { StoreApi } from 'zustand';
import type { PrefKey, Prefs, PrefsView, SetPrefs } from '../../../shared/prefs';

export interface PrefBinding {
  readonly key: PrefKey;
  /** Puts a remembered value into the store; a value it does not understand is ignored. */
  apply(value: unknown): void;
  /** Calls back with the store's value of this field whenever it changes. */
  watch(onChange: (value: Prefs[PrefKey]) => void): () => void;
}

/**
 * A binding of `store`'s `select`ed slice (compared by value, so an unrelated change of the
 * store saves nothing) to prefs field `key`; `apply` checks and sets a remembered value.
 */
export function bindStorePref<S, K extends PrefKey>(store: StoreApi<S>, key: K, select: (s: S) => NonNullable<Prefs[K]>, apply: (value: unknown) => void): PrefBinding {
  return {
    key,
    apply,
    watch(onChange) {
      let last = JSON.stringify(select(store.getState()));
      return store.subscribe((s) => {
        const value = select(s);
        const text = JSON.stringify(value);
        if (text === last) return;
        last = text;
        onChange(value);
      });
    },
  };
}

export interface PrefsSyncOptions {
  bindings: readonly PrefBinding[];
  load(): Promise<PrefsView>;
  save(request: SetPrefs): Promise<unknown>;
  /** A prefs file that could not be used (null once it can). */
  onWarning(warning: string | null): void;
  debounceMs?: number;
}

export interface PrefsSync {
  /** Loads the open profile's prefs into the stores; changes after it are saved. */
  load(): Promise<void>;
  /** Before a profile switch resets the stores: saves what is pending and stops listening until the next load. */
  suspend(): void;
  /** Saves what is pending now (a window closing). */
  flush(): void;
  stop(): void;
}

export const PREFS_SAVE_DELAY_MS = 500;

export function createPrefsSync(opts: PrefsSyncOptions): PrefsSync {
  const delay = opts.debounceMs ?? PREFS_SAVE_DELAY_MS;
  let profileId: string | null = null;
  let applying = false;
  let pending: Prefs = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Loads overlap when switches come quickly: only the newest applies.
  let loadSeq = 0;

  function flush(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (profileId === null || Object.keys(pending).length === 0) return;
    const prefs = pending;
    pending = {};
    // A failed save costs a remembered setting, never the window: nothing to show but the warning line.
    opts.save({ profileId, prefs }).catch(() => opts.onWarning('Steward could not save your view settings for this profile; they last until it closes.'));
  }

  const unwatch = opts.bindings.map((b) =>
    b.watch((value) => {
      if (applying || profileId === null) return;
      pending = { ...pending, [b.key]: value };
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, delay);
    }),
  );

  return {
    async load() {
      const seq = ++loadSeq;
      let view: PrefsView;
      try {
        view = await opts.load();
      } catch {
        if (seq !== loadSeq) return;
        opts.onWarning('Steward could not read your view settings for this profile; it starts from the defaults.');
        return;
      }
      if (seq !== loadSeq) return;
      applying = true;
      try {
        for (const b of opts.bindings) {
          const value = view.prefs[b.key];
          if (value !== undefined) b.apply(value);
        }
      } finally {
        applying = false;
      }
      profileId = view.profileId;
      opts.onWarning(view.warning);
    },
    suspend() {
      flush();
      profileId = null;
    },
    flush,
    stop() {
      flush();
      profileId = null;
      for (const u of unwatch) u();
    },
  };
}

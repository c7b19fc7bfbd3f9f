/** The one prefs sync of the window (state/prefs-sync.ts) over main's getPrefs/setPrefs. */
import { useEffect } from 'react';
import { call } from '../app/api';
import { PREF_BINDINGS, usePrefsWarning } from '../state/pref-bindings';
import { createPrefsSync, type PrefsSync } from '../state/prefs-sync';

let sync: PrefsSync | null = null;

export function prefsSync(): PrefsSync {
  sync ??= createPrefsSync({
    bindings: PREF_BINDINGS,
    load: () => call('getPrefs'),
    save: (request) => call('setPrefs', request),
    onWarning: (warning) => usePrefsWarning.setState({ warning }),
  });
  return sync;
}

/** Loads the open profile's remembered view at start; saves what is pending when the window goes. */
export function useRememberedPrefs(): void {
  useEffect(() => {
    if (!window.steward) return undefined;
    void prefsSync().load();
    const flush = () => prefsSync().flush();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);
}

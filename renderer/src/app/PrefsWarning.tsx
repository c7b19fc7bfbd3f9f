/** A quiet, dismissible line when the profile's remembered view settings could not be used. */
import { usePrefsWarning } from '../state/pref-bindings';
import './storage-warning.css';

export function PrefsWarning() {
  const warning = usePrefsWarning((s) => s.warning);
  if (!warning) return null;
  return (
    <div className="storage-warning" role="status" data-testid="prefs-warning">
      {warning}{' '}
      <button type="button" className="link-button" aria-label="Dismiss the view settings warning" onClick={() => usePrefsWarning.setState({ warning: null })}>
        Dismiss
      </button>
    </div>
  );
}

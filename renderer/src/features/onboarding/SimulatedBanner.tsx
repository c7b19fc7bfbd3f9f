/**
 * A quiet line over the built-in simulated fleet while it is the only profile: it says the
 * droplets are simulated and opens the add-your-Orchestrator wizard.
 */
import { useAppInfo } from '../../queries/useAppInfo';
import { useProfiles } from '../../queries/useProfiles';
import { useWizard } from '../../state/wizard';
import './onboarding.css';

export function SimulatedBanner() {
  const info = useAppInfo().data;
  const profiles = useProfiles().data;
  const { bannerDismissed, show, dismissBanner } = useWizard();
  if (!info?.embeddedSandbox || !profiles || profiles.profiles.length > 1 || bannerDismissed) return null;
  return (
    <div className="st-simulated" role="note" aria-label="Simulated fleet">
      <span>This fleet is simulated by Steward’s built-in sandbox, so nothing here is real.</span>
      <button type="button" className="st-btn st-btn--primary" onClick={show}>
        Add your Orchestrator…
      </button>
      <button type="button" className="st-btn st-btn--quiet" onClick={dismissBanner}>
        Not now
      </button>
    </div>
  );
}

import { ProbeSettingsEditor } from '../probes/ProbeSettingsEditor';
import { useState } from 'react';
import { errorDetail } from '../../app/api';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ProfileEditor } from './ProfileEditor';
import { useProfiles, useWarnings } from '../../queries/useProfiles';
import '../../ui/ui.css';
import './profiles.css';

/**
 * Connection profiles: the list (the active one marked) beside the selected profile's
 * settings, connection test and key. Start-up warnings (a corrupt profiles.json kept
 * aside, a profile that would not open) are shown above.
 */
export function ProfilesView() {
  const profiles = useProfiles();
  const warnings = useWarnings();
  /** A profile id, 'new' for the create form, null for the active profile. */
  const [selected, setSelected] = useState<string | null>(null);
  const data = profiles.data;
  const shownId = selected ?? data?.activeId ?? null;
  const shown = data?.profiles.find((p) => p.id === shownId) ?? null;

  return (
    <div className="st-profiles">
      {warnings.data?.warnings.map((w) => (
        <p key={w} className="st-profiles__warning" role="alert">
          {w}
        </p>
      ))}
      {profiles.error && <ErrorNotice error={errorDetail(profiles.error)} onRetry={() => void profiles.refetch()} />}
      <div className="st-profiles__body">
        <nav className="st-profiles__list" aria-label="Profiles">
          <div className="st-profiles__list-head">
            <h2 className="st-profiles__title">Profiles</h2>
            <button type="button" className="st-btn" onClick={() => setSelected('new')}>
              New profile
            </button>
          </div>
          {!data && profiles.isPending && <p className="st-muted">Loading profiles…</p>}
          <ul className="st-profiles__items">
            {data?.profiles.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={p.id === shownId ? 'st-profiles__item st-profiles__item--on' : 'st-profiles__item'}
                  aria-current={p.id === shownId ? 'true' : undefined}
                  onClick={() => setSelected(p.id)}
                >
                  <span className="st-profiles__item-name">
                    {p.name}
                    {p.active && <span className="st-badge tone-ok">Active</span>}
                  </span>
                  <span className="st-profiles__item-url">{p.orchestratorUrl}</span>
                  {!p.key && <span className="st-profiles__item-key tone-warn">no key</span>}
                  {p.key?.storage === 'missing' && <span className="st-profiles__item-key tone-err">key missing</span>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="st-profiles__detail">
          {selected === 'new' ? (
            <ProfileEditor key="new" profile={null} onSelect={setSelected} />
          ) : (
            shown && <ProfileEditor key={shown.id} profile={shown} onSelect={setSelected} />
          )}
          {/* Probe settings belong to the open profile: main's service for it answers them. */}
          {selected !== 'new' && shown?.active && <ProbeSettingsEditor />}
        </section>
      </div>
    </div>
  );
}

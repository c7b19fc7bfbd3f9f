/**
 * Add your Orchestrator, one step at a time: its address, whether it answers (public routes),
 * a key (imported or generated, with the public half to hand to its operator: copy, save,
 * fingerprint), a signed test call, then switch to it. Advanced settings (dialect, claims,
 * history and log limits) are folded away with working defaults. The profile is saved when
 * the key step begins (a key belongs to a saved profile); closing after that keeps it, unused.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ProfileView } from '../../../../shared/profile';
import { errorDetail } from '../../app/api';
import { useProfiles, useSaveProfile, useSwitchProfile, useTestConnection } from '../../queries/useProfiles';
import { useWizard } from '../../state/wizard';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { ConnectionSteps } from '../profiles/ConnectionSteps';
import { KeySection } from '../profiles/KeySection';
import { EMPTY_FORM, LIMIT_KEYS, validate, type FieldErrors, type FormValues } from '../profiles/profile-form';
import { nameFromUrl, reachable, WIZARD_STEPS, type WizardStep } from './wizard-steps';
import './onboarding.css';

const LIMIT_LABELS: Record<(typeof LIMIT_KEYS)[number], string> = {
  historySamplesPerDroplet: 'History samples per droplet',
  historyTotalSamples: 'History samples in all',
  logEntriesInMemory: 'Log entries in memory',
  logFileMegabytes: 'Log file size (MB)',
};

export function AddOrchestratorWizard() {
  const close = useWizard((s) => s.close);
  const [step, setStep] = useState<WizardStep>('address');
  const [values, setValues] = useState<FormValues>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [profileId, setProfileId] = useState<string | null>(null);
  const reach = useTestConnection();
  const signed = useTestConnection();
  const save = useSaveProfile();
  const switchTo = useSwitchProfile();
  const profiles = useProfiles();
  const profile: ProfileView | undefined = profileId ? profiles.data?.profiles.find((p) => p.id === profileId) : undefined;
  const dialogRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof FormValues>(k: K, v: FormValues[K]) => setValues((old) => ({ ...old, [k]: v }));

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('input, button.st-btn--primary')?.focus();
  }, [step]);

  const draft = () => {
    const named = { ...values, name: values.name.trim() || nameFromUrl(values.orchestratorUrl) };
    const checked = validate(named, profileId ?? undefined);
    setErrors(checked.ok ? {} : checked.errors);
    return checked.ok ? checked.draft : null;
  };

  const submitAddress = (e: FormEvent) => {
    e.preventDefault();
    const d = draft();
    if (!d) return;
    setStep('reach');
    reach.mutate({ draft: { ...d, id: undefined } });
  };

  const toKey = () => {
    const d = draft();
    if (!d) return;
    save.mutate(d, {
      onSuccess: (saved) => {
        setProfileId(saved.id);
        setStep('key');
      },
    });
  };

  const runSigned = () => {
    if (!profileId) return;
    setStep('test');
    signed.mutate({ profileId });
  };

  const finish = () => {
    if (!profileId) return;
    switchTo.mutate(profileId, { onSuccess: close });
  };

  const stepIndex = WIZARD_STEPS.findIndex((s) => s.id === step);
  const failure = save.error ?? switchTo.error;

  return (
    <div className="st-wizard-backdrop" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div ref={dialogRef} className="st-wizard" role="dialog" aria-modal="true" aria-labelledby="st-wizard-title">
        <header className="st-wizard__head">
          <h2 id="st-wizard-title">Add your Orchestrator</h2>
          <button type="button" className="st-btn st-btn--quiet" onClick={close} aria-label="Close">
            ×
          </button>
        </header>
        <ol className="st-wizard__steps" aria-label="Steps">
          {WIZARD_STEPS.map((s, i) => (
            <li key={s.id} className={i < stepIndex ? 'is-done' : i === stepIndex ? 'is-current' : ''} aria-current={i === stepIndex ? 'step' : undefined}>
              <span className="st-wizard__num">{i < stepIndex ? '✓' : i + 1}</span> {s.title}
            </li>
          ))}
        </ol>

        {step === 'address' && (
          <form className="st-wizard__body" onSubmit={submitAddress} noValidate>
            <p className="st-muted">Where your Orchestrator answers. Steward checks its public routes before anything is signed.</p>
            <Field id="wz-url" label="Orchestrator URL" error={errors.orchestratorUrl} hint="For example https://orchestrator.example.com">
              {(c) => <input {...c} className="st-input" type="url" value={values.orchestratorUrl} onChange={(e) => set('orchestratorUrl', e.target.value)} placeholder="https://" />}
            </Field>
            <div className="st-wizard__row">
              <Field id="wz-name" label="Name" error={errors.name} hint="Shown in the top bar; the host when left empty">
                {(c) => <input {...c} className="st-input" value={values.name} onChange={(e) => set('name', e.target.value)} placeholder={nameFromUrl(values.orchestratorUrl)} />}
              </Field>
              <Field id="wz-steward" label="Your name (steward)" error={errors.steward}>
                {(c) => <input {...c} className="st-input" value={values.steward} onChange={(e) => set('steward', e.target.value)} />}
              </Field>
              <Field id="wz-identity" label="Identity droplet id" error={errors.identityDropletId} hint="The droplet your list requests are signed for">
                {(c) => <input {...c} className="st-input" inputMode="numeric" value={values.identityDropletId} onChange={(e) => set('identityDropletId', e.target.value)} />}
              </Field>
            </div>
            <details className="st-wizard__advanced">
              <summary>Advanced: dialect, claims, history and log limits</summary>
              <div className="st-wizard__row">
                <Field id="wz-dialect" label="Dialect" error={null}>
                  {(c) => (
                    <select {...c} className="st-input" value={values.dialect} onChange={(e) => set('dialect', e.target.value as FormValues['dialect'])}>
                      <option value="auto">Learn it (auto)</option>
                      <option value="guide">As the guide shows</option>
                      <option value="deployed">As deployed</option>
                    </select>
                  )}
                </Field>
                <Field id="wz-poll" label="Poll every (s)" error={errors.pollSeconds}>
                  {(c) => <input {...c} className="st-input" value={values.pollSeconds} onChange={(e) => set('pollSeconds', e.target.value)} />}
                </Field>
                <Field id="wz-ttl" label="Token lifetime (s)" error={errors.tokenLifetimeSeconds}>
                  {(c) => <input {...c} className="st-input" value={values.tokenLifetimeSeconds} onChange={(e) => set('tokenLifetimeSeconds', e.target.value)} />}
                </Field>
              </div>
              <Field id="wz-extra" label="Extra claims (JSON)" error={errors.extra}>
                {(c) => <textarea {...c} className="st-input st-wizard__json" rows={2} value={values.extra} onChange={(e) => set('extra', e.target.value)} />}
              </Field>
              <div className="st-wizard__row">
                {LIMIT_KEYS.map((k) => (
                  <Field key={k} id={`wz-${k}`} label={LIMIT_LABELS[k]} error={errors[k]}>
                    {(c) => <input {...c} className="st-input" inputMode="numeric" value={values[k]} onChange={(e) => set(k, e.target.value)} />}
                  </Field>
                ))}
              </div>
            </details>
            <footer className="st-wizard__foot">
              <button type="button" className="st-btn" onClick={close}>
                Cancel
              </button>
              <button type="submit" className="st-btn st-btn--primary">
                Check it answers
              </button>
            </footer>
          </form>
        )}

        {step === 'reach' && (
          <div className="st-wizard__body">
            <p className="st-muted">
              Public routes of <code className="selectable">{values.orchestratorUrl}</code>. The signed request needs a key: that comes next.
            </p>
            {reach.isPending && <p role="status">Checking…</p>}
            {reach.data && <ConnectionSteps result={reach.data} />}
            {reach.error && <ErrorNotice error={errorDetail(reach.error)} />}
            <footer className="st-wizard__foot">
              <button type="button" className="st-btn" onClick={() => setStep('address')}>
                Back
              </button>
              <button type="button" className="st-btn" disabled={reach.isPending} onClick={() => reach.mutate({ draft: { ...draft()!, id: undefined } })}>
                Check again
              </button>
              <button type="button" className="st-btn st-btn--primary" disabled={!reachable(reach.data) || save.isPending} onClick={toKey}>
                Save and choose a key
              </button>
            </footer>
          </div>
        )}

        {step === 'key' && (
          <div className="st-wizard__body">
            <p className="st-muted">
              Import your private key, or generate one here. Then give the Orchestrator’s operator the <strong>public</strong> key (copy it or save it as a file) and compare the fingerprint with them.
            </p>
            {profile ? <KeySection profile={profile} /> : <p role="status">Loading the profile…</p>}
            <footer className="st-wizard__foot">
              <button type="button" className="st-btn st-btn--primary" disabled={!profile?.key} onClick={runSigned}>
                Test a signed call
              </button>
            </footer>
          </div>
        )}

        {step === 'test' && (
          <div className="st-wizard__body">
            {signed.isPending && <p role="status">Signing a request and sending it…</p>}
            {signed.data && <ConnectionSteps result={signed.data} />}
            {signed.data && !signed.data.ok && (
              <p className="st-muted">If the signed request was refused, the operator may not have added your public key yet: it is in the key step.</p>
            )}
            {signed.error && <ErrorNotice error={errorDetail(signed.error)} />}
            <footer className="st-wizard__foot">
              <button type="button" className="st-btn" onClick={() => setStep('key')}>
                Back to the key
              </button>
              <button type="button" className="st-btn" disabled={signed.isPending} onClick={runSigned}>
                Test again
              </button>
              <button type="button" className="st-btn st-btn--primary" disabled={!signed.data?.ok || switchTo.isPending} onClick={finish}>
                Switch to {profile?.name ?? 'it'}
              </button>
            </footer>
          </div>
        )}
        {failure && <ErrorNotice error={errorDetail(failure)} />}
      </div>
    </div>
  );
}

import { useId, useState, type FormEvent } from 'react';
import { DialectSettingSchema, type DialectSetting } from '../../../../shared/model';
import type { ProfileView } from '../../../../shared/profile';
import { errorDetail } from '../../app/api';
import { ChipsInput } from '../../ui/ChipsInput';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { ConnectionSteps } from './ConnectionSteps';
import { KeySection } from './KeySection';
import { EMPTY_FORM, fromProfile, serverFieldErrors, validate, type FieldErrors, type FieldKey, type FormValues } from './profile-form';
import { useDeleteProfile, useDuplicateProfile, useSaveProfile, useSwitchProfile, useTestConnection } from '../../queries/useProfiles';

/**
 * Create (profile null) or edit a profile: every field with its own message, Save, Test
 * connection (of what the form holds, saved or not), switch, duplicate, delete, and the key.
 */
export function ProfileEditor(props: { profile: ProfileView | null; onSelect(id: string | null): void }) {
  const { profile } = props;
  const uid = useId();
  const fieldId = (k: FieldKey) => `${uid}-${k}`;
  const [values, setValues] = useState<FormValues>(profile ? fromProfile(profile) : EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirmDelete, setConfirmDelete] = useState(false);
  const save = useSaveProfile();
  const test = useTestConnection();
  const duplicate = useDuplicateProfile();
  const remove = useDeleteProfile();
  const switchTo = useSwitchProfile();
  const builtIn = profile?.builtIn ?? false;
  const saveFailure = save.error ? errorDetail(save.error) : null;
  const otherFailure = [test.error, duplicate.error, remove.error, switchTo.error].find(Boolean);

  const set = <K extends FieldKey>(key: K, value: FormValues[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setErrors((prev) => (prev[key] ? { ...prev, [key]: undefined } : prev));
  };
  const checked = () => {
    const result = validate(values, profile?.id);
    if (!result.ok) {
      setErrors(result.errors);
      const first = (Object.keys(result.errors) as FieldKey[]).find((k) => result.errors[k]);
      if (first) document.getElementById(fieldId(first))?.focus();
      return null;
    }
    setErrors({});
    return result.draft;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const draft = checked();
    if (!draft) return save.reset();
    save.mutate(draft, {
      onSuccess: (saved) => props.onSelect(saved.id),
      onError: (err) => setErrors(serverFieldErrors(errorDetail(err)).errors),
    });
  };
  const runTest = () => {
    const draft = checked();
    if (draft) test.mutate({ draft });
  };

  const text = (key: Exclude<FieldKey, 'permissions' | 'dialect'>, label: string, opts: { hint?: string; disabled?: boolean; mono?: boolean; inputMode?: 'numeric' | 'decimal' } = {}) => (
    <Field id={fieldId(key)} label={label} error={errors[key]} hint={opts.hint}>
      {(c) => (
        <input
          {...c}
          className={opts.mono ? 'st-input st-selectable' : 'st-input'}
          autoComplete="off"
          spellCheck={false}
          inputMode={opts.inputMode}
          disabled={opts.disabled}
          value={values[key]}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <div className="st-profile">
      <header className="st-profile__head">
        <h2 className="st-profiles__title">{profile ? profile.name : 'New profile'}</h2>
        {profile?.active && <span className="st-badge tone-ok">Active</span>}
        {builtIn && <span className="st-badge tone-muted">Built in</span>}
        <span className="st-profile__spacer" />
        {profile && !profile.active && (
          <button type="button" className="st-btn st-btn--primary" disabled={switchTo.isPending} onClick={() => switchTo.mutate(profile.id)}>
            {switchTo.isPending ? 'Switching…' : 'Switch to this profile'}
          </button>
        )}
        {profile && (
          <button type="button" className="st-btn" disabled={duplicate.isPending} onClick={() => duplicate.mutate(profile.id, { onSuccess: (copy) => props.onSelect(copy.id) })}>
            Duplicate
          </button>
        )}
        {profile && !builtIn && (
          <button type="button" className="st-btn" onClick={() => setConfirmDelete(true)}>
            Delete…
          </button>
        )}
      </header>

      {confirmDelete && profile && (
        <div className="st-confirm" role="alertdialog" aria-label="Delete profile">
          <p>
            Delete the profile “{profile.name}”?{profile.key ? ` Its private key (${profile.key.fingerprint}) is deleted too, unless another profile uses it.` : ''}
            {profile.active ? ' Steward switches to the Local sandbox.' : ''}
          </p>
          <div className="st-confirm__actions">
            <button
              type="button"
              className="st-btn st-btn--danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(profile.id, { onSuccess: () => props.onSelect(null), onSettled: () => setConfirmDelete(false) })}
            >
              Delete
            </button>
            <button type="button" className="st-btn" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}

      <form className="st-profile__form" onSubmit={submit} noValidate aria-label={profile ? `Edit profile ${profile.name}` : 'New profile'}>
        <div className="st-profile__grid">
          {text('name', 'Name')}
          {text('orchestratorUrl', 'Orchestrator URL', { mono: true, disabled: builtIn, hint: builtIn ? 'Set by Steward: the embedded sandbox' : 'e.g. https://orchestrator.example:8000' })}
          {text('identityDropletId', 'Identity droplet id', { inputMode: 'numeric', hint: 'The droplet Steward signs list and details requests as' })}
          {text('steward', 'Steward name', { hint: 'Sent as the steward claim; optional' })}
          <Field id={fieldId('dialect')} label="Dialect" error={errors.dialect} hint={builtIn ? 'Set by Steward: the embedded sandbox' : 'auto learns it from the first answer'}>
            {(c) => (
              <select {...c} className="st-input" disabled={builtIn} value={values.dialect} onChange={(e) => set('dialect', e.target.value as DialectSetting)}>
                {DialectSettingSchema.options.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('pollSeconds', 'Poll interval (seconds)', { inputMode: 'decimal', hint: 'At least 2' })}
          {text('tokenLifetimeSeconds', 'Token lifetime (seconds)', { inputMode: 'numeric' })}
          {text('iss', 'iss claim', { mono: true, hint: 'Optional' })}
          {text('sub', 'sub claim', { mono: true, hint: 'Optional; {droplet_id} is replaced per token' })}
          <div className="st-profile__wide">
            <Field id={fieldId('permissions')} label="Permissions" error={errors.permissions} hint="Enter or comma adds; none sends no permissions claim">
              {(c) => <ChipsInput {...c} value={values.permissions} onChange={(next) => set('permissions', next)} placeholder="e.g. heartbeat" />}
            </Field>
          </div>
          <div className="st-profile__wide">
            <Field id={fieldId('extra')} label="Extra claims (JSON object)" error={errors.extra} hint="Added to every token; droplet_id, iat and exp are Steward's">
              {(c) => <textarea {...c} className="st-input st-selectable st-profile__json" rows={3} spellCheck={false} value={values.extra} onChange={(e) => set('extra', e.target.value)} />}
            </Field>
          </div>
        </div>

        <fieldset className="st-profile__limits">
          <legend className="st-profiles__subtitle">Limits</legend>
          <p className="st-muted">How much history and communications log Steward keeps for this profile, in memory and on disk.</p>
          <div className="st-profile__grid">
            {text('historySamplesPerDroplet', 'History per droplet (samples)', { inputMode: 'numeric', hint: '10080 is 7 days of one-minute beats' })}
            {text('historyTotalSamples', 'History in total (samples)', { inputMode: 'numeric', hint: 'About 50 bytes each; beyond it the busiest droplets lose their oldest samples first' })}
            {text('logEntriesInMemory', 'Log entries kept in memory', { inputMode: 'numeric' })}
            {text('logFileMegabytes', 'Log file size (MB, ×3 files)', { inputMode: 'numeric', hint: 'The current file and two older ones' })}
          </div>
        </fieldset>

        {saveFailure && <ErrorNotice error={{ ...saveFailure, fields: serverFieldErrors(saveFailure).unplaced }} />}
        {save.isSuccess && <p className="st-muted" role="status">Saved.</p>}

        <div className="st-profile__actions">
          <button type="submit" className="st-btn st-btn--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : profile ? 'Save' : 'Create profile'}
          </button>
          <button type="button" className="st-btn" disabled={test.isPending} onClick={runTest}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          {!profile && (
            <button type="button" className="st-btn st-btn--quiet" onClick={() => props.onSelect(null)}>
              Cancel
            </button>
          )}
        </div>
      </form>

      {test.data && <ConnectionSteps result={test.data} />}
      {otherFailure && <ErrorNotice error={errorDetail(otherFailure)} />}
      {profile ? <KeySection profile={profile} /> : <p className="st-muted">Create the profile, then import or generate its key.</p>}
    </div>
  );
}

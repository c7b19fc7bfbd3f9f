import { useId, useRef, useState, type FormEvent } from 'react';
import type { IpcError } from '../../../../shared/ipc-contract';
import { DROPLET_STATUSES, type RegisterAck, type Registration, type RegistrationPreview, type ReportableStatus } from '../../../../shared/model';
import { errorDetail } from '../../app/api';
import { ChipsInput } from '../../ui/ChipsInput';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Field } from '../../ui/Field';
import { useDroplet } from '../../queries/useDroplet';
import { usePreviewRegistration, useRegisterDroplet } from '../../queries/useDropletActions';
import { useUi } from '../../state/ui';
import { ConfirmUpdate } from './ConfirmUpdate';
import { RegisterResult } from './RegisterResult';
import { EMPTY_FORM, fromDroplet, serverFieldErrors, validate, type FieldErrors, type FieldKey, type FormValues } from './register-form';
import '../../ui/ui.css';
import './register.css';

/** The last registration that succeeded, shown above the fresh form that follows it. */
export interface Done {
  ack: RegisterAck;
  sentId: number;
}

/**
 * Register a new droplet or re-register a known one. `prefillId`: the droplet to start from;
 * left out, the selected droplet; null, an empty form. "New droplet" empties it until the
 * droplet to start from changes; so does a registration that succeeded, its result kept.
 */
export function RegisterForm(props: { prefillId?: number | null; onDone?: () => void }) {
  const selectedId = useUi((s) => s.selectedId);
  const wanted = props.prefillId === undefined ? selectedId : props.prefillId;
  const [blank, setBlank] = useState<{ n: number; over: number | null } | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const startAfresh = () => setBlank({ n: (blank?.n ?? 0) + 1, over: wanted });
  const target = blank !== null && blank.over === wanted ? null : wanted;
  const droplet = useDroplet(target);

  if (target !== null && !droplet.data && !droplet.isError) {
    return <p className="st-register__loading">Loading droplet {target}…</p>;
  }
  const known = target !== null && droplet.data !== undefined;
  const initial = known && droplet.data ? fromDroplet(droplet.data.droplet) : target !== null ? { ...EMPTY_FORM, id: String(target) } : EMPTY_FORM;
  // A new key starts the form afresh; later refetches of the same droplet never overwrite edits.
  const key = target === null ? `new-${blank?.n ?? 0}` : `droplet-${target}-${known ? 'known' : 'unknown'}`;
  return (
    <RegisterFormBody
      key={key}
      initial={initial}
      isNew={target === null}
      loadError={target !== null && !known && droplet.isError ? errorDetail(droplet.error) : null}
      done={done}
      onSubmitting={() => setDone(null)}
      onRegistered={(d) => {
        setDone(d);
        startAfresh();
      }}
      onNew={() => {
        setDone(null);
        startAfresh();
      }}
      onDone={props.onDone}
    />
  );
}

const STATUS_OPTIONS: readonly { value: ReportableStatus | ''; label: string }[] = [
  ...DROPLET_STATUSES.map((s) => ({ value: s, label: s })),
  { value: '', label: '(not sent)' },
];

interface BodyProps {
  initial: FormValues;
  isNew: boolean;
  loadError: IpcError | null;
  done: Done | null;
  onSubmitting(): void;
  onRegistered(done: Done): void;
  onNew(): void;
  onDone?: () => void;
}

function RegisterFormBody(props: BodyProps) {
  const uid = useId();
  const fieldId = (k: FieldKey) => `${uid}-${k}`;
  const [values, setValues] = useState(props.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  // A known id: what the Orchestrator holds and what would be sent, waiting for "Update".
  const [confirming, setConfirming] = useState<RegistrationPreview | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const preview = usePreviewRegistration();
  const register = useRegisterDroplet();
  const error = register.error ?? preview.error;
  const failure = error ? errorDetail(error) : null;
  const pending = preview.isPending || register.isPending;

  const set = <K extends FieldKey>(key: K, value: FormValues[K]) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    // An edited field's old message no longer describes it.
    setErrors((prev) => (prev[key] ? { ...prev, [key]: undefined } : prev));
  };
  const focusFirst = (errs: FieldErrors) => {
    const first = (Object.keys(errs) as FieldKey[]).find((k) => errs[k]);
    if (first) document.getElementById(fieldId(first))?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validate(values);
    if (!checked.ok) {
      register.reset();
      setErrors(checked.errors);
      focusFirst(checked.errors);
      return;
    }
    setErrors({});
    register.reset();
    props.onSubmitting();
    // Ask the Orchestrator what it holds for this id first: a known droplet is only overwritten
    // after the steward has seen what would change.
    preview.mutate(checked.registration, {
      onSuccess: (p) => (p.current === null ? send(p.registration) : setConfirming(p)),
    });
  };
  const send = (registration: Registration) => {
    register.mutate(registration, {
      onSuccess: (ack) => props.onRegistered({ ack, sentId: registration.id }),
      onError: (err) => {
        setConfirming(null);
        const placed = serverFieldErrors(errorDetail(err)).errors;
        setErrors(placed);
        focusFirst(placed);
      },
    });
  };
  const cancelUpdate = () => {
    setConfirming(null);
    submitRef.current?.focus();
  };
  const retry = () => {
    register.reset();
    preview.reset();
  };

  return (
    <form className="st-register" onSubmit={submit} noValidate aria-label={props.isNew ? 'Register a droplet' : 'Re-register a droplet'}>
      <header className="st-register__head">
        <h2 className="st-register__title">{props.isNew ? 'Register a droplet' : `Re-register droplet ${props.initial.id}`}</h2>
        <button type="button" className="st-btn" onClick={props.onNew}>
          New droplet
        </button>
      </header>
      {props.loadError && <ErrorNotice error={props.loadError} />}

      {props.done && <RegisterResult ack={props.done.ack} sentId={props.done.sentId} />}

      <fieldset className="st-register__grid" disabled={confirming !== null}>
        <Field id={fieldId('id')} label="ID" error={errors.id}>
          {(c) => <input {...c} className="st-input" inputMode="numeric" autoComplete="off" value={values.id} onChange={(e) => set('id', e.target.value)} />}
        </Field>
        <Field id={fieldId('name')} label="Name" error={errors.name}>
          {(c) => <input {...c} className="st-input" autoComplete="off" value={values.name} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <Field id={fieldId('endpoint')} label="Endpoint" error={errors.endpoint} hint="URL the droplet serves on, e.g. http://10.0.0.7:8002">
          {(c) => <input {...c} className="st-input" type="url" autoComplete="off" value={values.endpoint} onChange={(e) => set('endpoint', e.target.value)} />}
        </Field>
        <Field id={fieldId('steward')} label="Steward" error={errors.steward}>
          {(c) => <input {...c} className="st-input" autoComplete="off" value={values.steward} onChange={(e) => set('steward', e.target.value)} />}
        </Field>
        <Field id={fieldId('version')} label="Version" error={errors.version}>
          {(c) => <input {...c} className="st-input" autoComplete="off" value={values.version} onChange={(e) => set('version', e.target.value)} />}
        </Field>
        <Field id={fieldId('status')} label="Status" error={errors.status}>
          {(c) => (
            <select {...c} className="st-input" value={values.status} onChange={(e) => set('status', e.target.value as FormValues['status'])}>
              {STATUS_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="st-register__wide">
          <Field id={fieldId('capabilities')} label="Capabilities" error={errors.capabilities} hint="Enter or comma adds; Backspace removes the last">
            {(c) => <ChipsInput {...c} value={values.capabilities} onChange={(next) => set('capabilities', next)} placeholder="e.g. storage" />}
          </Field>
        </div>
      </fieldset>

      {failure && <ErrorNotice error={{ ...failure, fields: serverFieldErrors(failure).unplaced }} onRetry={retry} />}

      {confirming ? (
        <ConfirmUpdate preview={confirming} sending={register.isPending} onUpdate={() => send(confirming.registration)} onCancel={cancelUpdate} />
      ) : (
        <div className="st-register__actions">
          <button ref={submitRef} type="submit" className="st-btn st-btn--primary" disabled={pending}>
            {preview.isPending ? 'Checking…' : register.isPending ? 'Sending…' : props.isNew ? 'Register' : 'Re-register'}
          </button>
          {props.onDone && (
            <button type="button" className="st-btn" onClick={props.onDone}>
              {props.done ? 'Done' : 'Cancel'}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

import type { ReactNode } from 'react';
import './ui.css';

/** What a control inside a Field must carry so its label, hint and error are announced with it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled form control with its error message right beneath it; the hint gives way to an error. */
export function Field(props: { id: string; label: string; error?: string | null; hint?: string; children: (control: FieldControlProps) => ReactNode }) {
  const hintId = props.hint && !props.error ? `${props.id}-hint` : null;
  const errorId = props.error ? `${props.id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.error ? 'st-field st-field--invalid' : 'st-field'}>
      <label htmlFor={props.id} className="st-field__label">
        {props.label}
      </label>
      {props.children({ id: props.id, 'aria-invalid': Boolean(props.error), 'aria-describedby': describedBy })}
      {props.error && (
        <p id={errorId ?? undefined} className="st-field__error">
          {props.error}
        </p>
      )}
      {hintId && (
        <p id={hintId} className="st-field__hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}

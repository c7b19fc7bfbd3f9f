import { useEffect, useId, useRef } from 'react';
import type { RegistrationPreview } from '../../../../shared/model';
import { registrationDiff } from './register-diff';

/**
 * Asked before a registration overwrites a droplet the Orchestrator holds: each field as it is
 * now and as it would be after, the changed ones marked, then Update or Cancel.
 */
export function ConfirmUpdate(props: { preview: RegistrationPreview; sending: boolean; onUpdate(): void; onCancel(): void }) {
  const uid = useId();
  const update = useRef<HTMLButtonElement>(null);
  const section = useRef<HTMLElement>(null);
  const rows = registrationDiff(props.preview);
  const changed = rows.filter((r) => r.changed).length;
  const id = props.preview.registration.id;
  // The whole question in view (the form above it is long), and Update ready for Enter.
  useEffect(() => {
    section.current?.scrollIntoView?.({ block: 'nearest' });
    update.current?.focus({ preventScroll: true });
  }, []);

  return (
    <section ref={section} className="st-confirm" role="alertdialog" aria-modal="false" aria-labelledby={`${uid}-title`} aria-describedby={`${uid}-summary`}>
      <h3 id={`${uid}-title`} className="st-confirm__title">
        Update droplet {id}?
      </h3>
      <p id={`${uid}-summary`} className="st-confirm__summary">
        The Orchestrator already has droplet {id}.{' '}
        {changed === 0 ? 'Nothing would change.' : `${changed} ${changed === 1 ? 'field changes' : 'fields change'}; blank fields keep what it holds.`}
      </p>
      <table className="st-diff">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Now</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field} className={r.changed ? 'st-diff__row is-changed' : 'st-diff__row'} data-field={r.field} data-changed={r.changed}>
              <th scope="row">{r.label}</th>
              <td className="st-diff__now">{r.now}</td>
              <td className={r.ignored ? 'st-diff__after st-muted' : 'st-diff__after'}>
                {r.changed && <span className="st-visually-hidden">changes to </span>}
                {r.after}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="st-confirm__actions">
        <button ref={update} type="button" className="st-btn st-btn--primary" disabled={props.sending} onClick={props.onUpdate}>
          {props.sending ? 'Updating…' : 'Update'}
        </button>
        <button type="button" className="st-btn" disabled={props.sending} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

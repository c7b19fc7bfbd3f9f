import { useState, type KeyboardEvent } from 'react';
import type { FieldControlProps } from './Field';
import './ui.css';

/**
 * A list of short strings edited as chips: type and press Enter or comma to add, × to
 * remove, Backspace in the empty box removes the last. Leaving the box adds what was typed,
 * so a half-typed chip is never silently lost on submit.
 */
export function ChipsInput(props: FieldControlProps & { value: readonly string[]; onChange(next: string[]): void; placeholder?: string }) {
  const { value, onChange, placeholder, ...control } = props;
  const [draft, setDraft] = useState('');

  const add = (raw: string[]) => {
    const next = [...value];
    for (const r of raw) {
      const chip = r.trim();
      if (chip && !next.includes(chip)) next.push(chip);
    }
    if (next.length !== value.length) onChange(next);
    setDraft('');
  };
  const remove = (chip: string) => onChange(value.filter((c) => c !== chip));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      // Enter must not submit the surrounding form while a chip is being typed.
      e.preventDefault();
      add([draft]);
    } else if (e.key === 'Backspace' && draft === '' && value.length > 0) {
      e.preventDefault();
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className="st-chips">
      <ul className="st-chips__list" aria-label="Added">
        {value.map((chip) => (
          <li key={chip} className="st-chip">
            <span>{chip}</span>
            <button type="button" className="st-chip__x" aria-label={`Remove ${chip}`} onClick={() => remove(chip)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        {...control}
        className="st-input st-chips__input"
        value={draft}
        placeholder={value.length ? undefined : placeholder}
        onChange={(e) => {
          const v = e.target.value;
          // A pasted list ("a, b, c") becomes chips at once; a typed comma is handled in onKeyDown.
          if (v.includes(',')) add(v.split(','));
          else setDraft(v);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => draft.trim() && add([draft])}
      />
    </div>
  );
}

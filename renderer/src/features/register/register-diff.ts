/** What a registration would change on a droplet the Orchestrator holds: field, now, after. */
import type { RegistrationPreview } from '../../../../shared/model';

export type DiffField = 'name' | 'steward' | 'endpoint' | 'capabilities' | 'version' | 'status';

export interface DiffRow {
  field: DiffField;
  label: string;
  now: string;
  after: string;
  changed: boolean;
  /** The Orchestrator does not keep this field (the deployed one: version, status). */
  ignored: boolean;
}

const FIELDS: readonly { field: DiffField; label: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'steward', label: 'Steward' },
  { field: 'endpoint', label: 'Endpoint' },
  { field: 'capabilities', label: 'Capabilities' },
  { field: 'version', label: 'Version' },
  { field: 'status', label: 'Status' },
];

export const NONE = '—';
export const NOT_KEPT = 'not kept by this Orchestrator';

/** A list shows one item a line (the cells keep line breaks): capabilities read down, not wrapped mid-word. */
const shown = (v: string | readonly string[] | null | undefined): string => {
  const text = Array.isArray(v) ? v.join('\n') : (v as string | null | undefined);
  return text === null || text === undefined || text.trim() === '' ? NONE : text;
};

/** One row per field; an empty list when the id is new (nothing is overwritten). */
export function registrationDiff(preview: RegistrationPreview): DiffRow[] {
  const { current, registration: reg } = preview;
  if (current === null) return [];
  return FIELDS.map(({ field, label }) => {
    const ignored = (preview.ignored as readonly string[]).includes(field);
    const now = shown(current[field]);
    const after = ignored ? NOT_KEPT : shown(reg[field]);
    return { field, label, now, after, changed: !ignored && now !== after, ignored };
  });
}

/**
 * Registering over a droplet the Orchestrator already holds: a registration replaces the whole
 * row, so a blank optional field would wipe the value there (an empty capability list, a
 * steward or version gone). Blank means "keep what is there", so those fields are filled from
 * the droplet as the fleet shows it now.
 */
import type { Droplet, Registration, RegistrationPreview, WireDialect } from '../../shared/model';
import { ReportableStatusSchema } from '../../shared/model';

export function mergeRegistration(reg: Registration, current: Droplet | null): Registration {
  if (current === null) return reg;
  const steward = blank(reg.steward) ? (current.steward ?? undefined) : reg.steward;
  const version = blank(reg.version) ? (current.version ?? undefined) : reg.version;
  const heldStatus = ReportableStatusSchema.safeParse(current.status);
  const status = reg.status ?? (heldStatus.success ? heldStatus.data : undefined);
  return {
    id: reg.id,
    name: reg.name,
    endpoint: reg.endpoint,
    capabilities: reg.capabilities.length > 0 ? reg.capabilities : [...current.capabilities],
    ...(steward !== undefined ? { steward } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}

/** Fields the Orchestrator of this dialect does not keep (the deployed one ignores version and status). */
export function ignoredFields(dialect: WireDialect | null): RegistrationPreview['ignored'] {
  return dialect === 'deployed' ? ['version', 'status'] : [];
}

function blank(text: string | undefined): boolean {
  return text === undefined || text.trim() === '';
}

/** The wizard's steps, in order, and what lets each one go on: pure, so the rules are tested apart. */
import type { ConnectionTestResult } from '../../../../shared/profile';

export const WIZARD_STEPS = [
  { id: 'address', title: 'Address' },
  { id: 'reach', title: 'Reachable' },
  { id: 'key', title: 'Key' },
  { id: 'test', title: 'Signed test' },
] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number]['id'];

/** Public routes answered: the signed step is the key's business, later. */
export function reachable(result: ConnectionTestResult | undefined): boolean {
  if (!result) return false;
  const ok = (name: string) => result.steps.some((s) => s.step === name && s.ok);
  return ok('url') && ok('reachability');
}

/** A name from the address when the steward gave none: "orchestrator.example.com". */
export function nameFromUrl(url: string): string {
  try {
    return new URL(url.trim()).host || 'My Orchestrator';
  } catch {
    return 'My Orchestrator';
  }
}

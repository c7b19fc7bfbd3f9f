/**
 * Which wire dialect to write in. A fixed setting is used as is; `auto` learns from the
 * server's answers: an envelope with `udc_version` is deployed, one without is the guide,
 * and a 400 "Invalid UDC envelope" can only come from the deployed Orchestrator.
 */
import type { DialectSetting, WireDialect } from '../../shared/model';

const DEPLOYED_ENVELOPE_REFUSAL = /^Invalid UDC envelope/i;

export class DialectTracker {
  private learned: WireDialect | null = null;

  constructor(readonly setting: DialectSetting) {}

  /** The dialect requests are written in; null while `auto` has not heard from the server. */
  current(): WireDialect | null {
    return this.setting === 'auto' ? this.learned : this.setting;
  }

  /** Note the dialect an answer revealed. Returns true when the dialect in use changed. */
  learn(dialect: WireDialect): boolean {
    if (this.setting !== 'auto' || this.learned === dialect) return false;
    this.learned = dialect;
    return true;
  }

  /** Note an error answer; only the deployed refusal of an envelope says anything. */
  learnFromError(status: number, detail: string | null): boolean {
    return isEnvelopeRefusal(status, detail) ? this.learn('deployed') : false;
  }
}

export function isEnvelopeRefusal(status: number | null, detail: string | null): boolean {
  return status === 400 && detail !== null && DEPLOYED_ENVELOPE_REFUSAL.test(detail.trim());
}

/**
 * A droplet as the Orchestrator described it, with its words cleaned like any other server text
 * (fromServer): a name, endpoint or metric may quote the token Steward sent, and droplets are
 * shown in the window and printed by the CLI. Runs per droplet on every poll, so a field is
 * redacted only when a quick look finds something a credential could be, and an unchanged
 * droplet is answered as the same object.
 */
import type { Droplet, Metrics } from '../../shared/model';
import { fromServer } from './redact';

/**
 * What every rule of redactText needs to find, or near enough: most fields have none of it. A
 * URL counts only with a user part (`://user@`): every droplet's endpoint is a URL, and sending
 * all 10,000 through the full redaction cost ~40 ms a poll.
 */
const MAYBE_CREDENTIAL = /eyJ|bearer|token|:\/\/[^\s/?#@"'<>]+@/i;

function cleanText(text: string, token: string | null | undefined): string {
  return MAYBE_CREDENTIAL.test(text) || (!!token && text.includes(token)) ? fromServer(text, token) : text;
}

function cleanNullable(text: string | null, token: string | null | undefined): string | null {
  return text === null ? null : cleanText(text, token);
}

export function cleanMetrics(metrics: Metrics | null, token: string | null | undefined): Metrics | null {
  if (!metrics) return metrics;
  let out: Metrics | null = null;
  for (const k in metrics) {
    const v = metrics[k];
    if (typeof v !== 'string') continue;
    const cleaned = cleanText(v, token);
    if (cleaned !== v) (out ??= { ...metrics })[k] = cleaned;
  }
  return out ?? metrics;
}

export function cleanDroplet<T extends Droplet>(d: T, token: string | null | undefined): T {
  const name = cleanText(d.name, token);
  const steward = cleanNullable(d.steward, token);
  const endpoint = cleanNullable(d.endpoint, token);
  const version = cleanNullable(d.version, token);
  let capabilities = d.capabilities;
  for (let i = 0; i < capabilities.length; i++) {
    const cleaned = cleanText(capabilities[i]!, token);
    if (cleaned !== capabilities[i]) {
      if (capabilities === d.capabilities) capabilities = [...capabilities];
      capabilities[i] = cleaned;
    }
  }
  const latestMetrics = cleanMetrics(d.latestMetrics, token);
  const same = name === d.name && steward === d.steward && endpoint === d.endpoint && version === d.version && capabilities === d.capabilities && latestMetrics === d.latestMetrics;
  return same ? d : { ...d, name, steward, endpoint, version, capabilities, latestMetrics };
}

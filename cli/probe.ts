/**
 * `steward probe [ID ...]`: reads the fleet, probes the listed droplets' own routes once (all
 * when none are named) and prints what each serves. Whatever the droplets answer (or not), the
 * command succeeded once it could ask them.
 */
import type { ProbeDetails } from '../shared/probe';
import type { StewardService } from '../core/app/service';
import { visibleEscapes } from '../shared/text-safety';

type Invoke = <T>(method: 'listDroplets' | 'probeNow' | 'getProbeDetails', input: unknown) => Promise<T>;

export async function probeCommand(service: StewardService, ids: readonly number[], json: boolean, warn: (w: string) => void): Promise<string> {
  const invoke: Invoke = async (method, input) => {
    const r = await service.dispatch(method, input);
    if (!r.ok) throw new Error(r.error.hint ? `${r.error.message} — ${r.error.hint}` : r.error.message);
    return r.value as never;
  };
  const fleet = await invoke<{ droplets: { id: number }[] }>('listDroplets', {});
  const listed = new Set(fleet.droplets.map((d) => d.id));
  const unknown = ids.filter((id) => !listed.has(id));
  if (unknown.length) warn(`not in the fleet: ${unknown.join(', ')}`);
  const wanted = ids.length ? ids.filter((id) => listed.has(id)) : [...listed];
  if (wanted.length) await invoke('probeNow', { ids: wanted });
  const details: ProbeDetails[] = [];
  for (const id of wanted) details.push(await invoke<ProbeDetails>('getProbeDetails', { id }));
  if (json) return JSON.stringify({ droplets: details }, null, 2);
  return details.length ? details.map(formatProbe).join('\n\n') : 'No droplets to probe.';
}

const v = (x: string | number | null | undefined): string => (x === null || x === undefined ? '-' : visibleEscapes(String(x)));

export function formatProbe(d: ProbeDetails): string {
  const s = d.summary;
  const lines = [`droplet ${s.id}  ${v(d.endpoint)}  ${s.verdict.replace('_', ' ')}${s.note ? ` (${v(s.note)})` : ''}`];
  if (s.disagreement) lines.push(`  disagreement: ${v(s.disagreement)}`);
  if (d.health) lines.push(`  health: ${d.health.status}${d.health.service ? `  service=${v(d.health.service)}` : ''}${d.health.version ? `  version=${v(d.health.version)}` : ''}`);
  if (d.state) {
    const st = d.state;
    const parts = [
      ['uptime_seconds', st.uptimeSeconds],
      ['requests_total', st.requestsTotal],
      ['requests_per_minute', st.requestsPerMinute],
      ['errors_last_hour', st.errorsLastHour],
      ['cpu_percent', st.cpuPercent],
      ['memory_mb', st.memoryMb],
      ...Object.entries(st.custom),
    ].filter(([, x]) => x !== null);
    lines.push(`  state: ${parts.map(([k, x]) => `${v(k)}=${v(x)}`).join('  ')}`);
  }
  if (d.capabilities) lines.push(`  capabilities: version=${v(d.capabilities.version)}  udc=${v(d.capabilities.udcVersion)}  features=${v(d.capabilities.features.join(','))}`);
  if (d.dependencies) {
    const deps = d.dependencies;
    lines.push(`  dependencies: missing=${v(deps.missing.join(',') || 'none')}  required=${v(deps.required.map((x) => x.name).join(',') || 'none')}  optional=${v(deps.optional.map((x) => x.name).join(',') || 'none')}`);
  }
  return lines.join('\n');
}

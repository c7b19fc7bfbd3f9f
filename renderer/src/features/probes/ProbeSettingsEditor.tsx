/**
 * The active profile's probe settings: on/off, which droplets (all, by capability, by id) and
 * how often. Saved by main in the profile's probe-settings.json.
 */
import { useState, type FormEvent } from 'react';
import type { ProbeSettings } from '../../../../shared/probe';
import { errorDetail } from '../../app/api';
import { useProbeSettings, useSaveProbeSettings } from '../../queries/useProbes';
import { ErrorNotice } from '../../ui/ErrorNotice';
import './probes.css';

export function ProbeSettingsEditor() {
  const q = useProbeSettings();
  if (q.isError) return <ErrorNotice error={errorDetail(q.error)} onRetry={() => void q.refetch()} />;
  if (!q.data) return null;
  return <Form key={JSON.stringify(q.data)} settings={q.data} />;
}

const list = (text: string): string[] => text.split(',').map((x) => x.trim()).filter(Boolean);

function Form({ settings }: { settings: ProbeSettings }) {
  const save = useSaveProbeSettings();
  const [enabled, setEnabled] = useState(settings.enabled);
  const [scope, setScope] = useState(settings.scope);
  const [capabilities, setCapabilities] = useState(settings.capabilities.join(', '));
  const [ids, setIds] = useState(settings.ids.join(', '));
  const [fast, setFast] = useState(String(settings.fastIntervalSeconds));
  const [slow, setSlow] = useState(String(settings.slowIntervalSeconds));
  const badIds = list(ids).filter((x) => !/^\d+$/.test(x) || Number(x) <= 0);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (badIds.length) return;
    save.mutate({ enabled, scope, capabilities: list(capabilities), ids: list(ids).map(Number), fastIntervalSeconds: Number(fast), slowIntervalSeconds: Number(slow) });
  };
  return (
    <form className="st-probe-settings" aria-label="Probe settings" onSubmit={submit}>
      <h3 className="st-section-title">Probing droplets (this profile)</h3>
      <p className="st-muted">Steward asks droplets' own /health, /state, /capabilities and /dependencies. No token or key is ever sent to a droplet.</p>
      <label className="st-probe-settings__row">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Probe droplets
      </label>
      <fieldset className="st-probe-settings__scope" disabled={!enabled}>
        <legend>Which droplets</legend>
        {(['all', 'capability', 'ids'] as const).map((s) => (
          <label key={s} className="st-probe-settings__row">
            <input type="radio" name="probe-scope" checked={scope === s} onChange={() => setScope(s)} /> {s === 'all' ? 'All' : s === 'capability' ? 'With any of these capabilities' : 'These ids'}
          </label>
        ))}
        {scope === 'capability' && <input aria-label="Capabilities to probe" value={capabilities} onChange={(e) => setCapabilities(e.target.value)} placeholder="billing, search" />}
        {scope === 'ids' && <input aria-label="Droplet ids to probe" value={ids} onChange={(e) => setIds(e.target.value)} placeholder="100, 101" />}
        {badIds.length > 0 && <p className="tone-err">Not droplet ids: {badIds.join(', ')}</p>}
      </fieldset>
      <fieldset className="st-probe-settings__intervals" disabled={!enabled}>
        <legend>How often</legend>
        <label>
          /health and /state every <input type="number" min={10} max={3600} value={fast} onChange={(e) => setFast(e.target.value)} aria-label="Seconds between /health probes" /> s
        </label>
        <label>
          /capabilities and /dependencies every <input type="number" min={60} max={86400} value={slow} onChange={(e) => setSlow(e.target.value)} aria-label="Seconds between /dependencies probes" /> s
        </label>
      </fieldset>
      <div>
        <button type="submit" className="st-btn" disabled={save.isPending || badIds.length > 0}>
          {save.isPending ? 'Saving…' : 'Save probe settings'}
        </button>
        {save.isSuccess && <span className="st-muted"> Saved.</span>}
      </div>
      {save.isError && <ErrorNotice error={errorDetail(save.error)} />}
    </form>
  );
}

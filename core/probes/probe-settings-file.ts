/**
 * A profile's probe settings in `probe-settings.json` beside its history: absent means the
 * default (on for the embedded sandbox, off for a real Orchestrator, whose droplets a steward
 * should choose to probe). A damaged file is kept aside and the default used, with a warning.
 */
import { join } from 'node:path';
import { defaultProbeSettings, ProbeSettingsSchema, type ProbeSettings } from '../../shared/probe';
import { readJsonFile, writeFileAtomic } from '../fs/atomic-file';

export const PROBE_SETTINGS_FILE = 'probe-settings.json';

export async function loadProbeSettings(dataDir: string | undefined, embeddedSandbox: boolean): Promise<{ settings: ProbeSettings; warning: string | null }> {
  const fallback = defaultProbeSettings(embeddedSandbox);
  if (!dataDir) return { settings: fallback, warning: null };
  const read = await readJsonFile(join(dataDir, PROBE_SETTINGS_FILE), ProbeSettingsSchema);
  if (read.ok) return { settings: read.value, warning: null };
  return { settings: fallback, warning: read.reason === 'missing' ? null : `Probe settings: ${read.message}; using the defaults.` };
}

export async function saveProbeSettings(dataDir: string | undefined, settings: ProbeSettings): Promise<void> {
  if (!dataDir) return;
  await writeFileAtomic(join(dataDir, PROBE_SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`);
}

/**
 * Exports written by main: the fleet as shown (CSV or JSON), a droplet's history (CSV) and the
 * communications log (JSON lines). The path comes from the native save dialog, injected as
 * `chooseSavePath` so this runs without Electron; the file is written atomically, so a
 * cancelled or failed export never leaves half a file where the steward pointed.
 */
import Papa from 'papaparse';
import type { ExportHandlers } from '../../shared/ipc-contract';
import type { ExportResult, ExportRow } from '../../shared/exports';
import type { CommsEntry, Sample } from '../../shared/model';
import { writeFileAtomic } from '../fs/atomic-file';
import type { StewardService } from './service';
import { SettingsError } from '../profiles/settings-error';
import { errorText } from '../../shared/error-text';

export interface SaveDialogRequest {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}
/** The native save dialog: the chosen path, or null when the steward cancelled. */
export type ChooseSavePath = (o: SaveDialogRequest) => Promise<string | null>;

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or CR) starts with '.
 * Papaparse's own default pattern misses a cell whose formula spans lines, hence this one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Exported files are the steward's own documents: ordinary permissions. */
const FILE_MODE = 0o644;

const FLEET_COLUMNS = ['id', 'name', 'steward', 'status', 'orchestrator_status', 'capabilities', 'last_heartbeat', 'endpoint', 'version', 'registered_at'] as const;

export function fleetCsv(rows: readonly ExportRow[]): string {
  const data = rows.map(({ droplet: d, status }) => [d.id, d.name, d.steward ?? '', status, d.status, d.capabilities.join(' '), d.lastHeartbeat ?? '', d.endpoint ?? '', d.version ?? '', d.registeredAt ?? '']);
  return csv([...FLEET_COLUMNS], data);
}

/** The droplets as the Orchestrator described them, each with the status Steward showed. */
export function fleetJson(rows: readonly ExportRow[]): string {
  return `${JSON.stringify(rows.map(({ droplet, status }) => ({ ...droplet, shownStatus: status })), null, 2)}\n`;
}

const HISTORY_COLUMNS = ['time', 'status', 'cpu_percent', 'memory_mb', 'requests_last_minute', 'errors_last_minute'] as const;

export function historyCsv(samples: readonly Sample[]): string {
  const data = samples.map((s) => [new Date(s.t).toISOString(), s.status ?? '', s.cpu_percent ?? '', s.memory_mb ?? '', s.requests_last_minute ?? '', s.errors_last_minute ?? '']);
  return csv([...HISTORY_COLUMNS], data);
}

/** One exchange a line, oldest first, as the log holds them (headers already redacted there). */
export function commsJsonLines(entries: readonly CommsEntry[]): string {
  return entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length > 0 ? '\n' : '');
}

function csv(fields: string[], data: (string | number)[][]): string {
  return `${Papa.unparse({ fields, data }, { escapeFormulae: FORMULA_START, newline: '\r\n' })}\r\n`;
}

export interface ExportOptions {
  chooseSavePath?: ChooseSavePath;
  /** The open profile's service (history and log come from it). */
  service(): StewardService | null;
  /** The open profile's name, for default file names. */
  profileName(): string;
  now?: () => Date;
}

export function createExportHandlers(opts: ExportOptions): ExportHandlers {
  const now = opts.now ?? (() => new Date());

  async function save(request: SaveDialogRequest, text: string, count: number): Promise<ExportResult> {
    if (!opts.chooseSavePath) throw new SettingsError('internal', 'Steward cannot show a save dialog here, so nothing was exported.', null);
    const path = await opts.chooseSavePath(request);
    if (path === null) return { savedTo: null, count: 0 };
    try {
      await writeFileAtomic(path, text, { mode: FILE_MODE });
    } catch (e) {
      throw new SettingsError('internal', `Steward could not write ${path}: ${errorText(e)}`, 'Choose a folder you can write to, with space left on its disk.');
    }
    return { savedTo: path, count };
  }

  function openService(): StewardService {
    const s = opts.service();
    if (!s) throw new SettingsError('internal', 'No profile is open, so there is nothing to export.', null);
    return s;
  }

  const stamp = (): string => now().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const prefix = (): string => slug(opts.profileName());

  return {
    exportFleet: async ({ format, rows, scope }) => {
      const text = format === 'csv' ? fleetCsv(rows) : fleetJson(rows);
      const what = scope === 'selection' ? 'selection' : 'fleet';
      return save(
        {
          title: scope === 'selection' ? `Export ${rows.length} selected droplets` : 'Export the fleet as shown',
          defaultName: `${prefix()}-${what}-${stamp()}.${format}`,
          filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
        },
        text,
        rows.length,
      );
    },
    exportHistory: async ({ id }) => {
      const { samples } = await openService().handlers.getHistory({ id });
      return save(
        { title: `Export the history of droplet ${id}`, defaultName: `${prefix()}-droplet-${id}-history-${stamp()}.csv`, filters: [{ name: 'CSV', extensions: ['csv'] }] },
        historyCsv(samples),
        samples.length,
      );
    },
    exportCommsLog: async () => {
      const entries = openService().commsLog.entries().reverse(); // the log answers newest first
      return save(
        { title: 'Export the communications log', defaultName: `${prefix()}-communications-${stamp()}.jsonl`, filters: [{ name: 'JSON lines', extensions: ['jsonl'] }] },
        commsJsonLines(entries),
        entries.length,
      );
    },
  };
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'steward';
}

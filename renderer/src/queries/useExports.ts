/** Exports go to main, which asks where (native save dialog) and writes the file; here only the request and the words after. */
import { useMutation } from '@tanstack/react-query';
import type { ExportFleetRequest, ExportResult } from '../../../shared/exports';
import { call, errorDetail } from '../app/api';
import { useFleetNote } from '../state/fleet-note';

/** What the steward reads after an export: where it went, or why not; nothing when they cancelled. */
export function exportWords(result: ExportResult, noun: string): string | null {
  if (result.savedTo === null) return null;
  return `Exported ${result.count} ${noun}${result.count === 1 ? '' : 's'} to ${result.savedTo}`;
}

function useExport<I>(run: (input: I) => Promise<ExportResult>, noun: string) {
  return useMutation({
    mutationFn: run,
    onSuccess: (result) => {
      const words = exportWords(result, noun);
      if (words) useFleetNote.getState().say(words, 'ok');
    },
    onError: (e) => useFleetNote.getState().say(`Export failed: ${errorDetail(e).message}`, 'error'),
  });
}

export const useExportFleet = () => useExport((r: ExportFleetRequest) => call('exportFleet', r), 'droplet');

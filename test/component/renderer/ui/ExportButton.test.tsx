// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StewardError } from '../../../../renderer/src/app/api';
import { ExportButton } from '../../../../renderer/src/ui/ExportButton';
import { ipcError } from '../../../../shared/ipc-contract';

afterEach(cleanup);

describe('ExportButton', () => {
  it('says where the file went', async () => {
    const run = vi.fn(async () => ({ savedTo: '/home/s/log.jsonl', count: 3 }));
    render(<ExportButton label="Export" title="Export the log" noun="exchange" run={run} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved 3 exchanges to /home/s/log.jsonl');
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('says nothing when the steward cancelled the save dialog', async () => {
    const run = vi.fn(async () => ({ savedTo: null, count: 0 }));
    render(<ExportButton label="Export" title="t" noun="exchange" run={run} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect((screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(false));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('names a failure in main’s words', async () => {
    const run = vi.fn(async () => {
      throw new StewardError(ipcError({ kind: 'internal', message: 'Steward could not write /ro/x.csv: EROFS' }));
    });
    render(<ExportButton label="Export CSV" title="t" noun="sample" run={run} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('status')).textContent).toBe('Export failed: Steward could not write /ro/x.csv: EROFS');
  });
});

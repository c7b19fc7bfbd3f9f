// @vitest-environment jsdom
/** The storage warning shows from the first answer and then follows main's pushes, without a refetch of its own making it. */
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { StorageWarning } from '../../../../renderer/src/app/StorageWarning';
import { createQueryClient } from '../../../../renderer/src/queries/client';
import type { IpcResult, MethodOutput } from '../../../../shared/ipc-contract';
import { fakeSteward } from '../../../support/fleet-fake-steward';

afterEach(cleanup);

const FULL = 'History and the log cannot be written to /data/p-1: disk full. Steward keeps working and tries again with each new entry.';

it('appears when main says the disk is full and clears when writes succeed again', async () => {
  const fake = fakeSteward([]);
  let storage: string | null = null;
  window.steward = { ...fake.bridge, getWarnings: async (): Promise<IpcResult<MethodOutput<'getWarnings'>>> => ({ ok: true, value: { warnings: storage ? [storage] : [], storage } }) };
  render(
    <QueryClientProvider client={createQueryClient()}>
      <StorageWarning />
    </QueryClientProvider>,
  );
  await act(() => new Promise((r) => setTimeout(r, 20)));
  expect(screen.queryByTestId('storage-warning')).toBeNull();

  storage = FULL;
  act(() => fake.emit('storageWarning', { warning: FULL }));
  await waitFor(() => expect(screen.getByTestId('storage-warning').textContent).toBe(FULL));

  storage = null;
  act(() => fake.emit('storageWarning', { warning: null }));
  await waitFor(() => expect(screen.queryByTestId('storage-warning')).toBeNull());
});

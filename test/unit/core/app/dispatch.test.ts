import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../../core/app/dispatch';
import { ipcMethods, type AppHandlers } from '../../../../shared/ipc-contract';

/** An answer that fits no output schema: a string where an object or array belongs. */
const MISFIT = 'not what the contract says';
const misfit = async <T,>(): Promise<T> => MISFIT as unknown as T;

describe('dispatch and the contract’s trustedOutput flag', () => {
  it('is set on listDroplets only', () => {
    const trusted = Object.entries(ipcMethods).filter(([, spec]) => 'trustedOutput' in spec && spec.trustedOutput).map(([name]) => name);
    expect(trusted).toEqual(['listDroplets']);
  });

  it('checks the answer of a method without the flag', async () => {
    const handlers: Partial<AppHandlers> = { listKeepAlive: misfit };
    const result = await createDispatch(handlers)('listKeepAlive', undefined);
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/listKeepAlive did not fit its own contract/) } });
  });

  it('passes the answer of a flagged method through unchecked', async () => {
    const handlers: Partial<AppHandlers> = { listDroplets: misfit };
    const result = await createDispatch(handlers)('listDroplets', {});
    expect(result).toEqual({ ok: true, value: MISFIT });
  });

  it('still checks a flagged method’s input', async () => {
    const handlers: Partial<AppHandlers> = { listDroplets: misfit };
    const result = await createDispatch(handlers)('listDroplets', { status: '' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad_input' } });
  });
});

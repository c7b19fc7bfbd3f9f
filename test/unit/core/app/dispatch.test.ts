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

describe('dispatch: what a caller gets back', () => {
  it('names a method Steward does not have, and one this service does not answer', async () => {
    const dispatch = createDispatch({ listKeepAlive: async () => [] });
    for (const method of ['nope', 'getDroplet', 'toString', '__proto__']) {
      expect(await dispatch(method, {})).toEqual({
        ok: false,
        error: { kind: 'bad_input', message: `Steward has no method "${method}".`, hint: null, status: null, traceId: null, fields: [], exchangeId: null },
      });
    }
  });

  it('names each field that broke the input, with its path, and the bare message for the input itself', async () => {
    const dispatch = createDispatch({ probeNow: async () => [], getDroplet: async () => ({}) as never });
    const nested = await dispatch('probeNow', { ids: [1, 'x'] });
    expect(nested.ok).toBe(false);
    if (nested.ok) return;
    expect(nested.error.kind).toBe('bad_input');
    expect(nested.error.fields).toHaveLength(1);
    const [field] = nested.error.fields;
    expect(field).toMatchObject({ loc: ['ids', 1], field: 'ids.1', type: 'invalid_type' });
    expect(nested.error.message).toBe(`Invalid input for probeNow: ids.1: ${field!.msg}.`);

    const root = await dispatch('getDroplet', 'seven');
    if (root.ok) throw new Error('expected a refusal');
    expect(root.error.fields).toEqual([{ loc: [], msg: root.error.fields[0]!.msg, type: 'invalid_type', field: '' }]);
    expect(root.error.message).toBe(`Invalid input for getDroplet: ${root.error.fields[0]!.msg}.`);
  });

  it('names every broken field in one sentence, each with its path, separated by semicolons', async () => {
    const dispatch = createDispatch({ probeNow: async () => [] });
    const r = await dispatch('probeNow', { ids: ['x', 2, 'y'] });
    if (r.ok) throw new Error('expected a refusal');
    const [a, b] = r.error.fields;
    expect(r.error.fields.map((f) => f.field)).toEqual(['ids.0', 'ids.2']);
    expect(r.error.message).toBe(`Invalid input for probeNow: ids.0: ${a!.msg}; ids.2: ${b!.msg}.`);
  });

  it('answers the checked value (what the contract keeps), not the handler’s extras', async () => {
    const beat = { dropletId: 3, status: 'running', nextBeatAt: null, lastError: null, beatsSent: 2 };
    const result = await createDispatch({ listKeepAlive: async () => [{ ...beat, privateKeyPem: 'secret' }] as never })('listKeepAlive', undefined);
    expect(result).toEqual({ ok: true, value: [beat] });
  });

  it('says where an answer broke the contract, at most five places, and (root) for the answer itself', async () => {
    const many = await createDispatch({ listKeepAlive: async () => [{}, {}] as never })('listKeepAlive', undefined);
    expect(many).toMatchObject({
      ok: false,
      error: { kind: 'internal', message: "Steward's answer to listKeepAlive did not fit its own contract (at 0.dropletId, 0.status, 0.nextBeatAt, 0.lastError, 0.beatsSent). This is a bug in Steward." },
    });
    const root = await createDispatch({ listKeepAlive: misfit })('listKeepAlive', undefined);
    expect(root).toMatchObject({ ok: false, error: { message: expect.stringContaining('(at (root))') } });
  });

  it('turns a thrown error into an IpcError value, through the caller’s mapping when given', async () => {
    const throwing = { listKeepAlive: async () => Promise.reject(new Error('/home/x/secret path')) };
    const generic = await createDispatch(throwing)('listKeepAlive', undefined);
    expect(generic).toMatchObject({ ok: false, error: { kind: 'internal', message: 'Something went wrong inside Steward. The communications log may show more.' } });
    const mapped = await createDispatch(throwing, (e) => ({ kind: 'forbidden', message: `mapped: ${(e as Error).message}`, hint: null, status: null, traceId: null, fields: [], exchangeId: null }))('listKeepAlive', undefined);
    expect(mapped).toMatchObject({ ok: false, error: { kind: 'forbidden', message: 'mapped: /home/x/secret path' } });
  });
});

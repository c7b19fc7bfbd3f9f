import { describe, expect, it } from 'vitest';
import { errorText } from '../../../shared/error-text';
import { ipcError, IpcErrorSchema, isEventName, isIpcMethod, isServiceMethod } from '../../../shared/ipc-contract';

describe('ipcError', () => {
  it('fills what is not given and fits the contract', () => {
    const e = ipcError({ kind: 'forbidden', message: 'No.' });
    expect(e).toEqual({ kind: 'forbidden', message: 'No.', hint: null, status: null, traceId: null, fields: [], exchangeId: null });
    expect(IpcErrorSchema.parse(e)).toEqual(e);
  });

  it('keeps what is given, and an undefined field stays absent', () => {
    expect(ipcError({ kind: 'server', message: 'm', status: 503, hint: undefined, exchangeId: 4 })).toMatchObject({ status: 503, hint: null, exchangeId: 4 });
  });
});

describe('errorText', () => {
  it('says an Error by its message, an error-like object by its message, anything else as text', () => {
    expect(errorText(new TypeError('bad'))).toBe('bad');
    expect(errorText({ message: 'plain' })).toBe('plain');
    expect(errorText({ message: 3 })).toBe('[object Object]');
    expect(errorText('text')).toBe('text');
    expect(errorText(undefined)).toBe('undefined');
  });
});

describe('contract guards', () => {
  it('know only the contract’s own names', () => {
    expect(isIpcMethod('getProfile')).toBe(false);
    expect(isIpcMethod('listProfiles')).toBe(true);
    expect(isServiceMethod('listProfiles')).toBe(false);
    expect(isServiceMethod('listDroplets')).toBe(true);
    for (const inherited of ['toString', '__proto__', 'constructor']) {
      expect(isIpcMethod(inherited) || isServiceMethod(inherited) || isEventName(inherited)).toBe(false);
    }
    expect(isEventName('statusChanged')).toBe(true);
  });
});

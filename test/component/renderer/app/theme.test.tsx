// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTheme } from '../../../../renderer/src/state/theme';
import { installBrowserStandIns, os, renderApp, resetStores } from './comfort-harness';

beforeAll(installBrowserStandIns);
beforeEach(resetStores);
afterEach(cleanup);

const shown = () => document.documentElement.dataset.theme;

describe('theme picker', () => {
  it('follows the system by default, and the system’s switch while it does', async () => {
    os.dark = true;
    await renderApp();
    expect((screen.getByRole('combobox', { name: 'Theme' }) as HTMLSelectElement).value).toBe('system');
    expect(shown()).toBe('dark');
    act(() => {
      os.dark = false;
      os.listeners.forEach((l) => l());
    });
    expect(shown()).toBe('light');
  });

  it('sets light or dark whatever the system says, and tells the shell', async () => {
    os.dark = true;
    const fake = await renderApp();
    const calls: unknown[] = [];
    fake.bridge.setTheme = async (input) => {
      calls.push(input);
      return { ok: true, value: { dark: input.theme === 'dark' } };
    };
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'light' } });
    expect(shown()).toBe('light');
    await waitFor(() => expect(calls).toEqual([{ theme: 'light' }]));
    fireEvent.change(screen.getByRole('combobox', { name: 'Theme' }), { target: { value: 'dark' } });
    expect(shown()).toBe('dark');
    expect(useTheme.getState().choice).toBe('dark');
  });

  it('toggles from what shows with Ctrl+Shift+T, turning "system" into an explicit choice', async () => {
    os.dark = true;
    await renderApp();
    fireEvent.keyDown(document.body, { key: 'T', ctrlKey: true, shiftKey: true });
    expect(useTheme.getState().choice).toBe('light');
    expect(shown()).toBe('light');
    fireEvent.keyDown(document.body, { key: 'T', ctrlKey: true, shiftKey: true });
    expect(shown()).toBe('dark');
  });
});

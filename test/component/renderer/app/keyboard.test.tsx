// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useLayout } from '../../../../renderer/src/state/layout';
import { useUi } from '../../../../renderer/src/state/ui';
import { installBrowserStandIns, renderApp, resetStores } from './comfort-harness';

beforeAll(installBrowserStandIns);
beforeEach(resetStores);
afterEach(cleanup);

const pane = () => screen.getByRole('complementary', { name: 'Droplet pane' });
const tab = (name: string) => within(pane()).getByRole('tab', { name });
const selectedTab = () => within(pane()).getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')!.getAttribute('aria-label');

describe('side pane tabs (WAI-ARIA tabs)', () => {
  it('keeps one tab in the Tab order and moves along the strip with the arrows, Home and End', async () => {
    await renderApp();
    const tabs = within(pane()).getAllByRole('tab');
    expect(tabs.filter((t) => t.tabIndex === 0)).toHaveLength(1);
    tab('Details').focus();
    fireEvent.keyDown(tab('Details'), { key: 'ArrowRight' });
    expect(selectedTab()).toBe('Heartbeat');
    expect(document.activeElement).toBe(tab('Heartbeat'));
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(selectedTab()).toBe('Connections');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(selectedTab()).toBe('Details'); // wraps
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(selectedTab()).toBe('Dependencies');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(selectedTab()).toBe('Communications log');
    expect(screen.getByRole('region', { name: 'Communications log' })).toBeTruthy();
    expect(within(pane()).getAllByRole('tab').filter((t) => t.tabIndex === 0).map((t) => t.getAttribute('aria-label'))).toEqual(['Communications log']);
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(selectedTab()).toBe('Details');
  });
});

describe('side pane size', () => {
  it('resizes from the splitter with the arrow keys, within its bounds', async () => {
    await renderApp();
    const splitter = screen.getByRole('separator', { name: 'Resize the side pane' });
    const before = Number(splitter.getAttribute('aria-valuenow'));
    fireEvent.keyDown(splitter, { key: 'ArrowLeft' });
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBeGreaterThan(before);
    fireEvent.keyDown(splitter, { key: 'End' });
    expect(splitter.getAttribute('aria-valuenow')).toBe(splitter.getAttribute('aria-valuemax'));
    fireEvent.keyDown(splitter, { key: 'Home' });
    fireEvent.keyDown(splitter, { key: 'ArrowRight' });
    expect(splitter.getAttribute('aria-valuenow')).toBe(splitter.getAttribute('aria-valuemin'));
    expect((document.querySelector('.app-body') as HTMLElement).style.getPropertyValue('--pane-width')).toBe(`${useLayout.getState().paneWidth}px`);
  });

  it('drags the splitter: leftwards widens the pane', async () => {
    await renderApp();
    const splitter = screen.getByRole('separator', { name: 'Resize the side pane' });
    const before = useLayout.getState().paneWidth;
    fireEvent.pointerDown(splitter, { button: 0, clientX: 600, pointerId: 1 });
    fireEvent.pointerMove(splitter, { clientX: 560, pointerId: 1 });
    fireEvent.pointerUp(splitter, { pointerId: 1 });
    expect(useLayout.getState().paneWidth).toBe(before + 40);
    fireEvent.pointerMove(splitter, { clientX: 100, pointerId: 1 });
    expect(useLayout.getState().paneWidth).toBe(before + 40);
  });

  it('collapses and comes back with Ctrl+B, and fills the window then returns with Escape', async () => {
    await renderApp();
    fireEvent.keyDown(document.body, { key: 'b', ctrlKey: true });
    expect(screen.queryByRole('complementary', { name: 'Droplet pane' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Show pane' }));
    expect(pane()).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'b', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'b', ctrlKey: true });
    expect(pane()).toBeTruthy();

    fireEvent.click(within(pane()).getByRole('button', { name: 'Full window' }));
    expect(document.querySelector('.app-body')!.classList.contains('pane-maximized')).toBe(true);
    expect(screen.queryByRole('separator', { name: 'Resize the side pane' })).toBeNull();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(document.querySelector('.app-body')!.classList.contains('pane-maximized')).toBe(false);
  });
});

describe('window shortcuts', () => {
  it('"/" and Ctrl+F focus the search; "/" typed in a field stays text', async () => {
    await renderApp();
    const search = screen.getByRole('searchbox', { name: 'Search droplets' });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
    const evt = fireEvent.keyDown(search, { key: '/' });
    expect(evt).toBe(true); // not prevented: the slash is typed
    search.blur();
    fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(search);
  });

  it('Escape closes a form, then clears the selection', async () => {
    await renderApp();
    fireEvent.click(screen.getByText('bravo'));
    expect(useUi.getState().selectedId).toBe(2);
    fireEvent.click(tab('Heartbeat'));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(selectedTab()).toBe('Details');
    expect(useUi.getState().selectedId).toBe(2);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(useUi.getState().selectedId).toBeNull();
  });

  it('"?" lists the shortcuts from the command table, and Escape closes the list', async () => {
    await renderApp();
    fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Command palette…')).toBeTruthy();
    expect(within(dialog).getByText('Ctrl+K')).toBeTruthy();
    expect(within(dialog).getByText('Ctrl+B')).toBeTruthy();
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('runs a command chosen in the application menu (menuCommand event)', async () => {
    const fake = await renderApp();
    act(() => fake.emit('menuCommand', { command: 'openLog' }));
    expect(selectedTab()).toBe('Communications log');
    act(() => fake.emit('menuCommand', { command: 'togglePane' }));
    expect(screen.queryByRole('complementary', { name: 'Droplet pane' })).toBeNull();
  });
});

describe('command palette', () => {
  it('opens with Ctrl+K, goes to a droplet by id or name, and closes', async () => {
    await renderApp();
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    const input = within(dialog).getByRole('combobox');
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'charlie' } });
    const option = await within(dialog).findByRole('option', { name: /charlie-long-name/ });
    fireEvent.click(option);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useUi.getState().selectedId).toBe(3);
    expect(useUi.getState().reveal?.id).toBe(3);

    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(within(screen.getByRole('dialog')).getByRole('combobox'), { target: { value: '2' } });
    await within(screen.getByRole('dialog')).findByRole('option', { name: /#2 bravo/ });
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('runs commands, and shows the ones that cannot run greyed out with why', async () => {
    await renderApp();
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    const heartbeat = within(dialog).getByRole('option', { name: /Send heartbeat/ });
    expect(heartbeat.getAttribute('aria-disabled')).toBe('true'); // nothing selected
    expect(within(dialog).getByRole('option', { name: /Mute droplet/ }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(within(dialog).getByRole('option', { name: /Open communications log/ }));
    expect(selectedTab()).toBe('Communications log');
  });

  it('opens the add-your-Orchestrator wizard from the palette, whatever profiles there are', async () => {
    await renderApp();
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Command palette' })).getByRole('option', { name: /Add your Orchestrator/ }));
    expect(await screen.findByRole('dialog', { name: /Add your Orchestrator/ })).toBeTruthy();
  });

  it('mutes the selected droplet for an hour from the palette, and opens the events timeline', async () => {
    const fake = await renderApp();
    const first = screen.getAllByRole('row').find((r) => r.dataset.dropletId)!;
    const id = first.dataset.dropletId!;
    fireEvent.click(first);
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Command palette' })).getByRole('option', { name: /Mute droplet for 1 hour/ }));
    await waitFor(() => expect(fake.attention.mutes.droplets[id]).toBeGreaterThan(Date.now() + 59 * 60_000));
    fireEvent.keyDown(document.body, { key: 'E', ctrlKey: true, shiftKey: true });
    expect(selectedTab()).toBe('Events');
  });

  it('switches profile from the palette', async () => {
    const fake = await renderApp();
    const switched: unknown[] = [];
    const profile = (id: string, name: string, active: boolean) => ({ id, name, active }) as never;
    fake.bridge.listProfiles = async () => ({ ok: true, value: { activeId: 'a', profiles: [profile('a', 'Local sandbox', true), profile('b', 'Staging', false)] } });
    fake.bridge.switchProfile = async (input) => {
      switched.push(input);
      return { ok: true, value: profile('b', 'Staging', true) };
    };
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Command palette' });
    fireEvent.change(within(dialog).getByRole('combobox'), { target: { value: 'stag' } });
    fireEvent.click(await within(dialog).findByRole('option', { name: /Switch profile to Staging/ }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(switched).toEqual([{ profileId: 'b' }]));
    // The active profile is not offered.
    fireEvent.keyDown(document.body, { key: 'k', ctrlKey: true });
    fireEvent.change(within(screen.getByRole('dialog')).getByRole('combobox'), { target: { value: 'switch' } });
    await within(screen.getByRole('dialog')).findByRole('option', { name: /Staging/ });
    expect(within(screen.getByRole('dialog')).queryByRole('option', { name: /Local sandbox/ })).toBeNull();
  });
});

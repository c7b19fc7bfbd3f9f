// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLUMNS, columnTemplate, tableMinWidth, visibleColumns } from '../../../../../renderer/src/features/fleet/columns';
import { useColumns } from '../../../../../renderer/src/state/columns';
import { installBrowserStandIns, renderApp, resetStores } from '../../app/comfort-harness';

beforeAll(installBrowserStandIns);
beforeEach(resetStores);
afterEach(cleanup);

const grid = () => screen.getByRole('grid', { name: 'Fleet' });
const headers = () => within(grid()).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, '').trim());
const template = () => grid().style.getPropertyValue('--cols');

describe('column layout', () => {
  it('turns widths into one grid template and a minimum table width', () => {
    const cols = visibleColumns(['steward']);
    expect(cols.map((c) => c.sortKey)).not.toContain('steward');
    expect(columnTemplate(cols.slice(0, 2), { name: 200 })).toBe('56px 200px');
    expect(columnTemplate(cols.slice(0, 2), {})).toBe('56px minmax(140px, 1.5fr)');
    expect(tableMinWidth(cols.slice(0, 2), { name: 200 })).toBe(256);
    // Hiding every column would leave nothing: all come back.
    expect(visibleColumns(COLUMNS.map((c) => c.sortKey))).toHaveLength(COLUMNS.length);
  });
});

describe('Columns menu', () => {
  it('hides and shows columns, keeps the last one, and resets', async () => {
    await renderApp();
    const button = screen.getByRole('button', { name: 'Columns' });
    fireEvent.click(button);
    const menu = screen.getByRole('group', { name: 'Columns shown' });
    fireEvent.click(within(menu).getByLabelText('Endpoint'));
    expect(headers()).not.toContain('Endpoint');
    expect(grid().getAttribute('data-hidden')).toBe('endpoint');
    expect(grid().getAttribute('aria-colcount')).toBe(String(COLUMNS.length - 1));
    expect(button.getAttribute('aria-expanded')).toBe('true');

    for (const c of COLUMNS.slice(1)) if (c.sortKey !== 'endpoint') fireEvent.click(within(menu).getByLabelText(c.title ?? c.label));
    expect(headers()).toEqual(['ID']);
    expect((within(menu).getByLabelText('ID') as HTMLInputElement).disabled).toBe(true);

    fireEvent.click(within(menu).getByRole('button', { name: /Show all/ }));
    expect(headers()).toHaveLength(COLUMNS.length);
    expect(grid().hasAttribute('data-hidden')).toBe(false);
    fireEvent.keyDown(within(menu).getByLabelText('ID'), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Columns shown' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Columns' }));
  });
});

describe('column resizing', () => {
  it('widens and narrows a column from its header with Alt+arrows', async () => {
    await renderApp();
    const name = within(grid()).getByRole('columnheader', { name: /^Name/ });
    const button = within(name).getByRole('button');
    fireEvent.keyDown(button, { key: 'ArrowRight', altKey: true });
    // jsdom has no layout: the header measures 0 wide, so the stored default is the start.
    const first = useColumns.getState().widths.name!;
    expect(first).toBeGreaterThan(0);
    expect(template()).toContain(`${first}px`);
    fireEvent.keyDown(button, { key: 'ArrowLeft', altKey: true });
    fireEvent.keyDown(button, { key: 'ArrowLeft', altKey: true });
    expect(useColumns.getState().widths.name).toBeLessThan(first);
    // A plain arrow on a header is not a resize.
    const before = useColumns.getState().widths.name;
    fireEvent.keyDown(button, { key: 'ArrowRight' });
    expect(useColumns.getState().widths.name).toBe(before);
  });

  it('drags the handle on a header’s edge, and a double-click puts the default back', async () => {
    await renderApp();
    const handle = screen.getByTestId('resize-endpoint');
    fireEvent.pointerDown(handle, { button: 0, clientX: 500, pointerId: 1 });
    fireEvent.pointerMove(handle, { clientX: 580, pointerId: 1 });
    fireEvent.pointerUp(handle, { pointerId: 1 });
    expect(useColumns.getState().widths.endpoint).toBe(150 + 80);
    expect(grid().style.getPropertyValue('--table-min')).toBe(`${tableMinWidth(COLUMNS, { endpoint: 230 })}px`);
    fireEvent.doubleClick(handle);
    expect(useColumns.getState().widths.endpoint).toBeUndefined();
    expect(template()).toBe(columnTemplate(COLUMNS, {}));
  });

  it('shows a truncated cell’s whole text on hover', async () => {
    await renderApp();
    const row = grid().querySelector('[data-droplet-id="1"]') as HTMLElement;
    expect(within(row).getByTitle('alpha')).toBeTruthy();
    expect(row.querySelector('.col-endpoint')!.getAttribute('title')).toBe('http://10.0.0.1:8001');
  });
});

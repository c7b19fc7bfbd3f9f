import { describe, expect, it } from 'vitest';
import type { Problem, Problems } from '../../../shared/attention';
import { trayModel, windowTitle } from '../../../electron/tray-model';
import { countText, ICON_SIZE, iconPixels } from '../../../electron/tray-icon';

const problem = (id: number, state: Problem['state'], muted = false): Problem => ({ id, name: `api-${id}`, state, since: 0, muted });
const problems = (top: Problem[], count = top.length): Problems => {
  const unmuted = top.filter((p) => !p.muted);
  return { count, unmutedCount: count - (top.length - unmuted.length), worst: unmuted[0]?.state ?? null, top };
};

describe('tray model', () => {
  it('shows the worst unmuted state with the count, and up to five problems that open their droplet', () => {
    const m = trayModel(problems([problem(1, 'error'), problem(2, 'inactive'), problem(3, 'late'), problem(4, 'late'), problem(5, 'late')], 12), { allMuted: false });
    expect(m.tone).toBe('error');
    expect(m.count).toBe(12);
    expect(m.tooltip).toBe('Steward: 12 problems');
    expect(m.items.filter((i) => i.kind === 'problem').map((i) => i.kind === 'problem' && [i.id, i.label])).toEqual([
      [1, 'api-1 — error'],
      [2, 'api-2 — inactive'],
      [3, 'api-3 — late'],
      [4, 'api-4 — late'],
      [5, 'api-5 — late'],
    ]);
    expect(m.items.map((i) => i.kind)).toEqual(['problem', 'problem', 'problem', 'problem', 'problem', 'info', 'separator', 'muteAll', 'open', 'quit']);
    expect(m.items).toContainEqual({ kind: 'info', label: '…and 7 more' });
    expect(m.items).toContainEqual({ kind: 'muteAll', label: 'Mute all for 1 hour', enabled: true });
  });

  it('is green with no problems and grey when every problem is muted', () => {
    expect(trayModel(problems([]), { allMuted: false })).toMatchObject({ tone: 'ok', count: 0, tooltip: 'Steward: no problems', items: [{ kind: 'info', label: 'No problems' }, { kind: 'separator' }, { kind: 'muteAll' }, { kind: 'open' }, { kind: 'quit' }] });
    const muted = trayModel(problems([problem(1, 'error', true)]), { allMuted: true });
    expect(muted).toMatchObject({ tone: 'muted', count: 0, tooltip: 'Steward: 1 problem, 1 muted' });
    expect(muted.items).toContainEqual({ kind: 'muteAll', label: 'Notifications muted', enabled: false });
  });

  it('puts the unmuted problem count in the window title', () => {
    expect(windowTitle(problems([]))).toBe('Steward');
    expect(windowTitle(problems([problem(1, 'error')]))).toBe('Steward — 1 problem');
    expect(windowTitle(problems([problem(1, 'error'), problem(2, 'late', true)], 3))).toBe('Steward — 2 problems');
  });
});

describe('tray icon', () => {
  it('draws a disc in the tone colour with the count in white', () => {
    const px = iconPixels('error', 3);
    expect(px.length).toBe(ICON_SIZE * ICON_SIZE * 4);
    const at = (x: number, y: number) => [...px.subarray((y * ICON_SIZE + x) * 4, (y * ICON_SIZE + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0); // the corner is outside the disc
    expect(at(8, 3)).toEqual([46, 34, 207, 255]); // red (BGRA) above the digit
    // The "3": its top row is three white pixels.
    const white = [...Array(ICON_SIZE).keys()].filter((x) => at(x, 5).join() === '255,255,255,255');
    expect(white).toHaveLength(3);
    expect(iconPixels('ok', 0).equals(iconPixels('ok', 0))).toBe(true);
    expect(iconPixels('ok', 0).equals(iconPixels('error', 0))).toBe(false);
  });

  it('writes nothing for none, the count to 99, and 9+ beyond', () => {
    expect([0, 7, 99, 100, 10_000].map(countText)).toEqual(['', '7', '99', '9+', '9+']);
  });
});

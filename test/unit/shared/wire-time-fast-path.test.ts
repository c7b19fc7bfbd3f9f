/**
 * parseWireTime's fast paths (the guide's canonical `...sssZ` and the deployed naive
 * `...ssssss`, 10,000 of each per poll of a large fleet) answer exactly what the general
 * parse does, including for out-of-range fields Date.parse would roll over.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWireTime } from '../../../shared/udc/time';

/** The general road, as parseWireTime took it for every string before the fast paths. */
const ISO_LIKE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;
function reference(value: string): string | null {
  const m = ISO_LIKE.exec(value.trim());
  if (!m) return null;
  const [, date, time, zone] = m;
  const trimmed = time!.replace(/(\.\d{3})\d+$/, '$1');
  const zoneText = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${date}T${trimmed}${zoneText}`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

const two = (n: number) => String(n).padStart(2, '0');

describe('parseWireTime fast paths', () => {
  it('agree with the general parse on canonical and naive times, in range or not', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.boolean(),
        (y, mo, d, h, mi, s, us, naive) => {
          const base = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.`;
          const text = naive ? `${base}${String(us).padStart(6, '0')}` : `${base}${String(Math.floor(us / 1000)).padStart(3, '0')}Z`;
          expect(parseWireTime(text)).toBe(reference(text));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('keeps the cases the fast paths must not take', () => {
    for (const text of ['2026-02-29T10:00:00.000Z', '2024-02-29T10:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-01-01T10:00:00.123456', '2026-01-01T10:00:00.1234567', '2026-01-01T10:00:00.000+02:00', ' 2026-01-01T10:00:00.000Z', '2026-01-01t10:00:00.000z']) {
      expect(parseWireTime(text)).toBe(reference(text));
    }
  });
});

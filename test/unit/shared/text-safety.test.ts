import { describe, expect, it } from 'vitest';
import { neutraliseBidi, visibleEscapes } from '../../../shared/text-safety';

describe('visibleEscapes', () => {
  it('writes ESC, BEL, NUL, an OSC sequence, DEL and a C1 CSI as visible escapes', () => {
    expect(visibleEscapes('a\u001b[2Jb\u0007c\u0000d\u001b]8;;http://x\u0007e\u007f\u009b')).toBe('a\\x1b[2Jb\\x07c\\x00d\\x1b]8;;http://x\\x07e\\x7f\\x9b');
  });
  it('shows bidi controls and line separators by code point, and leaves other text alone', () => {
    expect(visibleEscapes('evil\u202etxt.exe \u2066x\u2069 \u2028 שלום café')).toBe('evil\\u202etxt.exe \\u2066x\\u2069 \\u2028 שלום café');
  });
  it('escapes newlines in a single value, keeps them in multi-line output', () => {
    expect(visibleEscapes('a\nb\r\tc')).toBe('a\\x0ab\\x0d\\x09c');
    expect(visibleEscapes('a\nb\rc', 'lines')).toBe('a\nb\\x0dc');
  });
  it('in JSON form writes \\uXXXX escapes, so the JSON still parses to the same value', () => {
    const value = { name: 'x\u007f\u009b\u202ey' };
    const out = visibleEscapes(JSON.stringify(value, null, 2), 'json');
    expect(out).not.toMatch(/[\u007f\u009b\u202e]/);
    expect(JSON.parse(out)).toEqual(value);
  });
});

describe('neutraliseBidi', () => {
  it('removes embeddings, overrides, isolates and marks, keeping right-to-left letters', () => {
    expect(neutraliseBidi('db\u202e1-ledom\u202c \u2067x\u2069\u200e\u200f\u061c')).toBe('db1-ledom x');
    expect(neutraliseBidi('خادم-1')).toBe('خادم-1');
  });
});

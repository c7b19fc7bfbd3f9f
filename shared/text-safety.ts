/**
 * Making text from a server safe to show: a terminal obeys control and escape sequences (ESC,
 * OSC, BEL, NUL…), and any display obeys bidi controls, which can make a name read as
 * something it is not. Pure functions, for main (Steward's text) and the CLI (terminal output).
 */

/** Explicit bidi embeddings, overrides, isolates and marks (U+061C, U+200E/F, U+202A–E, U+2066–9). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const HAS_BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Text without bidi controls. Letters of right-to-left scripts are kept: only the controls go. */
export function neutraliseBidi(text: string): string {
  return HAS_BIDI.test(text) ? text.replace(BIDI, '') : text;
}

/**
 * What a terminal would act on rather than print: C0 controls, DEL, C1 controls (U+009B is a
 * one-character CSI), bidi controls, and the Unicode line separators. The second keeps newlines.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text with every character a terminal would act on written as a visible escape: `\x1b` for
 * the 8-bit controls, `\u202e` for the others. `line`: one value, newlines escaped too;
 * `lines`: output whose own newlines are kept; `json`: JSON text, every escape `\uXXXX`, which
 * reads back as the same character inside a JSON string (JSON has them nowhere else).
 */
export function visibleEscapes(text: string, form: 'line' | 'lines' | 'json' = 'line'): string {
  const short = form !== 'json';
  return text.replace(form === 'line' ? UNSAFE : UNSAFE_BUT_NEWLINE, (c) => {
    const code = c.charCodeAt(0);
    return short && code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

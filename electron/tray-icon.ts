/**
 * The tray icon drawn from data, no image files: a filled disc in the tone's colour with the
 * problem count in a 3x5 pixel font, as RGBA pixels (Electron's nativeImage.createFromBitmap
 * takes BGRA on every platform, so the bytes are written in that order).
 */
import type { TrayTone } from './tray-model';

export const ICON_SIZE = 16;

const COLOURS: Record<TrayTone, [number, number, number]> = {
  ok: [46, 160, 67],
  late: [212, 160, 23],
  inactive: [219, 109, 40],
  error: [207, 34, 46],
  muted: [110, 118, 129],
};

// 3x5 digits, rows top to bottom, bit 2 is the left pixel.
const DIGITS: Record<string, number[]> = {
  '0': [7, 5, 5, 5, 7],
  '1': [2, 6, 2, 2, 7],
  '2': [7, 1, 7, 4, 7],
  '3': [7, 1, 7, 1, 7],
  '4': [5, 5, 7, 1, 1],
  '5': [7, 4, 7, 1, 7],
  '6': [7, 4, 7, 5, 7],
  '7': [7, 1, 1, 1, 1],
  '8': [7, 5, 7, 5, 7],
  '9': [7, 5, 7, 1, 7],
  '+': [0, 2, 7, 2, 0],
};

/** The text drawn: nothing for 0, the count up to 99, "9+" beyond. */
export function countText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '9+' : String(count);
}

/** BGRA pixels, ICON_SIZE x ICON_SIZE. */
export function iconPixels(tone: TrayTone, count: number): Buffer {
  const n = ICON_SIZE;
  const px = Buffer.alloc(n * n * 4);
  const [r, g, b] = COLOURS[tone];
  const c = (n - 1) / 2;
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const d = Math.hypot(x - c, y - c);
      // A soft edge: full inside, fading over the last pixel.
      const a = Math.max(0, Math.min(1, n / 2 - d));
      const i = (y * n + x) * 4;
      px[i] = b;
      px[i + 1] = g;
      px[i + 2] = r;
      px[i + 3] = Math.round(a * 255);
    }
  }
  const text = countText(count);
  const width = text.length * 4 - 1;
  const left = Math.floor((n - width) / 2);
  const top = Math.floor((n - 5) / 2);
  [...text].forEach((ch, k) => {
    DIGITS[ch]!.forEach((row, y) => {
      for (let bit = 0; bit < 3; bit++) {
        if (!(row & (4 >> bit))) continue;
        const i = ((top + y) * n + left + k * 4 + bit) * 4;
        px[i] = px[i + 1] = px[i + 2] = 255;
        px[i + 3] = 255;
      }
    });
  });
  return px;
}

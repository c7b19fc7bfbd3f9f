/** The keep-alive icon: a small heart, drawn rather than a font glyph so it looks the same everywhere. */
export function HeartIcon() {
  return (
    <svg className="heart-icon" viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
      <path d="M8 14.2 6.9 13.2C3 9.7.5 7.4.5 4.6.5 2.3 2.3.5 4.6.5c1.3 0 2.6.6 3.4 1.6C8.8 1.1 10.1.5 11.4.5c2.3 0 4.1 1.8 4.1 4.1 0 2.8-2.5 5.1-6.4 8.6L8 14.2Z" />
    </svg>
  );
}

/** Durations in the words a tooltip uses: "45 s", "1 min 32 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return pair(Math.floor(s / 60), 'min', s % 60, 's');
  if (s < 86_400) return pair(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return pair(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

function pair(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major} ${majorUnit}` : `${major} ${majorUnit} ${minor} ${minorUnit}`;
}


/**
 * An endpoint as the table shows it: without the default `http://`, as address bars do, so
 * host and port fit the column. Any other scheme stays; the cell's tooltip has the full URL.
 */
export function displayEndpoint(endpoint: string): string {
  return endpoint.replace(/^http:\/\//i, '');
}

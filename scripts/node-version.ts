/**
 * Whether this Node satisfies package.json's `engines.node`. Only the forms that field uses are
 * understood: `^X.Y.Z` and `>=X.Y.Z` alternatives joined by `||`; anything else is an error, so
 * an edit to `engines` that this check cannot read fails its unit test rather than passing silently.
 */

type Version = readonly [number, number, number];

export function parseVersion(text: string): Version | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function satisfiesComparator(version: Version, comparator: string): boolean {
  const m = /^(\^|>=)\s*(\S+)$/.exec(comparator.trim());
  const bound = m ? parseVersion(m[2]!) : null;
  if (!m || !bound) throw new Error(`unsupported engines comparator: "${comparator}"`);
  if (m[1] === '>=') return compare(version, bound) >= 0;
  return version[0] === bound[0] && compare(version, bound) >= 0;
}

export function satisfiesRange(version: string, range: string): boolean {
  const parsed = parseVersion(version);
  if (!parsed) throw new Error(`not a version: "${version}"`);
  return range.split('||').some((comparator) => satisfiesComparator(parsed, comparator));
}

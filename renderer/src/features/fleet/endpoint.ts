/**
 * An endpoint as the table shows it: without the default `http://`, as address bars do, so
 * host and port fit the column. Any other scheme stays; the cell's tooltip has the full URL.
 */
export function displayEndpoint(endpoint: string): string {
  return endpoint.replace(/^http:\/\//i, '');
}

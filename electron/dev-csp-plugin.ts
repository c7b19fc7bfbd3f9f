/**
 * Build tooling, not app code: in `electron-vite dev`, swap index.html's production CSP for
 * the dev one (the dev server's origin for HMR, and React refresh's inline preamble).
 * Production builds keep the strict policy untouched.
 */
import type { Plugin } from 'vite';
import { buildCsp } from './security';

const META_CSP = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/;

export function devCspPlugin(): Plugin {
  return {
    name: 'steward:dev-csp',
    apply: 'serve',
    transformIndexHtml(html, ctx) {
      const devServerUrl = ctx.server?.resolvedUrls?.local[0] ?? null;
      return html.replace(META_CSP, `$1${buildCsp({ devServerUrl, forMeta: true })}$2`);
    },
  };
}

// The web UI: GET / answers dist/web/index.html and GET /assets/* its bundles (through
// the traversal-safe readStaticFile). Without a build, / says how to make one and shows
// the row counts, so a fresh checkout still has a page.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { readStatus } from '../../sync/status.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import { readStaticFile } from '../static.ts';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function registerWebRoutes(app: Hono, deps: AppDeps): void {
  route(app, { method: 'get', path: '/', tag: 'web', produces: ['html'], summary: 'The web dashboards (hash-routed single page: #/deployments, #/sql, …)' },
    async (c) => {
      if (deps.webRoot) {
        const f = readStaticFile(deps.webRoot, 'index.html');
        return c.body(new Uint8Array(f.bytes), 200, { 'content-type': f.type, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
      }
      const status = await readStatus(deps.store, deps.clock());
      const rows = Object.entries(status.tables).map(([t, n]) => html`<tr><td>${t}</td><td align="right">${n}</td></tr>`);
      return c.html(html`<!doctype html><html><head><meta charset="utf-8"><title>shiplog</title></head>
<body><h1>shiplog</h1><p>The web UI is not built: run <code>npm run build</code>. API: <a href="/api/openapi.json">/api/openapi.json</a></p>
<table><thead><tr><th>table</th><th>rows</th></tr></thead><tbody>${rows}</tbody></table></body></html>`);
    });

  route(app, {
    method: 'get', path: '/assets/:file{.+}', tag: 'web', produces: ['any'],
    summary: 'Files of the built web UI (dist/web/assets); paths leaving that folder are refused',
    query: z.object({}),
  }, (c, { param }) => {
    if (!deps.webRoot) throw new ShiplogError('not_found', `no web UI build to serve ${c.req.path} from: run npm run build`);
    const f = readStaticFile(deps.webRoot, `assets/${param('file')}`);
    return c.body(new Uint8Array(f.bytes), 200, { 'content-type': f.type, 'cache-control': 'public, max-age=31536000, immutable', ...SECURITY_HEADERS });
  });
}

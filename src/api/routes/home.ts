// GET /: the tables of the store and their row counts, as a plain HTML page. The web
// dashboards (src/web) replace this page when they are built.
import type { Hono } from 'hono';
import { html } from 'hono/html';
import { readStatus } from '../../sync/status.ts';
import type { AppDeps } from '../deps.ts';

export function registerHomeRoutes(app: Hono, deps: AppDeps): void {
  app.get('/', async (c) => {
    const status = await readStatus(deps.store, deps.clock());
    const rows = Object.entries(status.tables).map(([t, n]) => html`<tr><td>${t}</td><td align="right">${n}</td></tr>`);
    return c.html(html`<!doctype html><html><head><meta charset="utf-8"><title>shiplog</title></head>
<body><h1>shiplog</h1><p>${deps.store.path}</p><table><thead><tr><th>table</th><th>rows</th></tr></thead><tbody>${rows}</tbody></table>
<p>API: <a href="/api/status">/api/status</a></p></body></html>`);
  });
}

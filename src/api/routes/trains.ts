// GET /api/trains/<version>: what rode one train (src/api/query/train.ts), the same answer
// `shiplog train <version>` prints when no server owns the database.
import type { Hono } from 'hono';
import { ShiplogError } from '../../lib/errors.ts';
import type { AppDeps } from '../deps.ts';
import { route } from '../openapi.ts';
import { trainPage } from '../query/train.ts';

const VERSION = /^(php-)?\d+\.\d+[\w.-]*$/;

export function registerTrainRoutes(app: Hono, deps: AppDeps): void {
  route(app, {
    method: 'get', path: '/api/trains/:version', tag: 'trains', example: '/api/trains/1.42.0-wmf.20',
    summary: 'What rode one train: its cut, the changes it carried per repository with their owners, the backports made to its branch, its blocker tasks, every roll-forward and rollback, and each rollback with its tasks and incidents',
  }, async (c, { param }) => {
    const version = param('version').replace(/^php-/, '');
    if (!VERSION.test(version)) throw new ShiplogError('bad_request', `GET /api/trains/${version.slice(0, 80)}: a MediaWiki version such as 1.45.0-wmf.3`);
    return c.json(await trainPage({ store: deps.store }, version));
  });
}

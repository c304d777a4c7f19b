// Project and user lookups for one sync run, cached by PHID so each is asked once per run:
// user.search / project.search with constraints[phids] (100 per call), and phid.lookup to
// turn a configured #slug into its PHID. I/O through the injected ConduitClient only.
import { ShiplogError } from '../../lib/errors.ts';
import type { RawItem } from '../types.ts';
import type { ConduitClient } from './conduit.ts';
import { lookupItem, lookupItems } from './responses.ts';

type SearchResult = { data: Record<string, unknown>[]; cursor?: { after: string | null } };

export class Lookups {
  private readonly asked = new Set<string>();
  constructor(private readonly client: ConduitClient) {}

  /** Items for the PHIDs not looked up yet in this run (users and projects; others ignored). */
  async items(phids: Iterable<string>): Promise<RawItem[]> {
    const fresh = [...new Set(phids)].filter((p) => p && !this.asked.has(p));
    for (const p of fresh) this.asked.add(p);
    const out: RawItem[] = [];
    for (const [method, prefix] of [['user.search', 'PHID-USER-'], ['project.search', 'PHID-PROJ-']] as const) {
      const wanted = fresh.filter((p) => p.startsWith(prefix));
      for (let i = 0; i < wanted.length; i += 100) {
        const { result, endpoint } = await this.client.call<SearchResult>(method, { constraints: { phids: wanted.slice(i, i + 100) }, limit: 100 });
        out.push(...lookupItems(result, endpoint));
      }
    }
    return out;
  }

  /** A configured project (PHID, #slug or slug) → its PHID and the lookup item. */
  async project(spec: string): Promise<{ phid: string; items: RawItem[] }> {
    if (spec.startsWith('PHID-PROJ-')) return { phid: spec, items: await this.items([spec]) };
    const name = spec.startsWith('#') ? spec : `#${spec.toLowerCase().replace(/\s+/g, '_')}`;
    const { result, endpoint } = await this.client.call<Record<string, { phid: string }>>('phid.lookup', { names: [name] });
    const hit = result[name] ?? Object.values(result)[0];
    if (!hit?.phid?.startsWith('PHID-PROJ-')) {
      throw new ShiplogError('config_invalid', `sources.phabricator.projects: "${spec}" is not a project at ${endpoint} (phid.lookup ${name})`);
    }
    this.asked.add(hit.phid);
    const item = lookupItem(hit, endpoint);
    return { phid: hit.phid, items: item ? [item] : [] };
  }
}

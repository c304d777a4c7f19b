// Entity detail: any key's fields and the link tree around it, each edge with its rule,
// evidence and confidence (low-confidence links are labelled as guesses, not facts); an
// incident also shows its report's timeline lines, marked where its times were read.
import { useState } from 'preact/hooks';
import { Cell, External, KeyLink } from '../components/Cell.tsx';
import { Async, Empty } from '../components/State.tsx';
import { Table } from '../components/Table.tsx';
import { ApiError, enc, getJson, type Table as Answer } from '../lib/api.ts';
import { keyLabel, outLink } from '../lib/links.ts';
import { navigate, type Route, useTitle } from '../lib/route.ts';
import { useLinkBases } from '../lib/ui-config.ts';
import { useData } from '../lib/use-data.ts';

interface Found { key: string; kind: string; table: string; row: Record<string, unknown> }
interface TreeNode { key: string; kind: string; table: string | null; label: string | null; depth: number; found: boolean }
interface TreeEdge { src_key: string; dst_key: string; rule: string; evidence: string | null; confidence: string; first_seen_at: string | null }
interface Tree { root: string; nodes: TreeNode[]; edges: TreeEdge[]; truncated: boolean }

function Fields({ row }: { row: Record<string, unknown> }) {
  return (
    <table class="fields" data-testid="fields">
      <tbody>
        {Object.entries(row).map(([k, v]) => <tr key={k}><th>{k}</th><td><Cell value={v} column={k} row={row} /></td></tr>)}
      </tbody>
    </table>
  );
}

function Edge({ edge, from }: { edge: TreeEdge; from: string }) {
  const out = edge.src_key === from;
  return (
    <span class="edge">
      <span class={`conf conf-${edge.confidence}`} title={edge.confidence === 'low' ? 'inferred from timing: a guess, not a fact' : edge.confidence}>{edge.confidence}</span>
      {' '}{out ? '→' : '←'} <code>{edge.rule}</code>
      {edge.evidence && <q class="evidence">{edge.evidence}</q>}
    </span>
  );
}

/** The tree as nested lists from the root: each node lists the nodes one hop further. */
function TreeView({ tree }: { tree: Tree }) {
  const bases = useLinkBases();
  const nodes = new Map(tree.nodes.map((n) => [n.key, n]));
  const shown = new Set<string>([tree.root]);
  const render = (key: string, depth: number) => {
    const children = tree.edges
      .filter((e) => (e.src_key === key || e.dst_key === key))
      .map((e) => ({ e, other: e.src_key === key ? e.dst_key : e.src_key }))
      .filter(({ other }) => (nodes.get(other)?.depth ?? 0) === depth + 1 && !shown.has(other));
    for (const c of children) shown.add(c.other);
    if (children.length === 0) return null;
    return (
      <ul>
        {children.map(({ e, other }) => {
          const n = nodes.get(other);
          return (
            <li key={`${other}|${e.rule}`}>
              <KeyLink value={other} bases={bases} />
              {n?.label && <span class="label"> {n.label}</span>}
              {n && !n.found && <span class="muted"> (not collected)</span>}
              <br /><Edge edge={e} from={key} />
              {render(other, depth + 1)}
            </li>
          );
        })}
      </ul>
    );
  };
  return <div class="tree" data-testid="tree">{render(tree.root, 0) ?? <Empty>No links to or from this entity yet.</Empty>}</div>;
}

/** An incident report's timeline lines as written, with the line each of its times was read from. */
function IncidentTimeline({ incident }: { incident: string }) {
  const lines = useData(() => getJson<Answer>('/api/tables/incident_timeline', { incident_key: incident, order: 'time', limit: '2000' }), [incident]);
  return (
    <>
      <h2>Timeline</h2>
      <Async state={lines} what="the timeline">
        {(t) => <Table id="incident-timeline" rows={[...t.rows].sort((a, b) => Number(a.seq) - Number(b.seq))} columns={['occurred_at', 'marks', 'text', 'sal_id', 'line', 'seq']}
          show={['occurred_at', 'marks', 'text', 'sal_id']} empty="The report has no dated timeline lines." />}
      </Async>
    </>
  );
}

export function Entity({ route }: { route: Route }) {
  const key = route.params.get('key') ?? '';
  const depth = route.params.get('depth') ?? '2';
  const [input, setInput] = useState(key);
  const bases = useLinkBases();
  useTitle(key ? `${keyLabel(key)} · Entity` : 'Entity');
  const entity = useData(async () => {
    if (!key) return null;
    try {
      return await getJson<Found>(`/api/entities/${enc(key)}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, [key]);
  const tree = useData(() => (key ? getJson<Tree>(`/api/tree/${enc(key)}`, { depth }) : Promise.resolve(null)), [key, depth]);
  return (
    <section>
      <h1>Entity</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); navigate('entity', { key: input.trim(), depth }); }}>
        <label>Key <input name="key" value={input} size={60} placeholder="change:gerrit.wikimedia.org:123, task:T123, deploy:…" onInput={(e) => setInput((e.target as HTMLInputElement).value)} /></label>
        <label>Depth
          <select value={depth} onChange={(e) => navigate('entity', { key, depth: (e.target as HTMLSelectElement).value })}>
            {['1', '2', '3', '4'].map((d) => <option key={d}>{d}</option>)}
          </select>
        </label>
        <button type="submit">Show</button>
      </form>
      {key && (
        <h2 data-testid="entity-key" title={key}>
          {keyLabel(key)} <span class="muted key">{key}</span>
          {(() => {
            const out = outLink(key, bases, entity.data?.row);
            return out ? <> <External link={out} /> <span class="muted">open in {out.system}</span></> : null;
          })()}
        </h2>
      )}
      {key && (
        <Async state={entity} what={key}>
          {(e) => (e === null
            ? <Empty>No row holds this key (yet); links may still name it.</Empty>
            : <><p class="muted">{e.kind} in table <code>{e.table}</code></p><Fields row={e.row} /></>)}
        </Async>
      )}
      {key.startsWith('incident:') && <IncidentTimeline incident={key} />}
      <h2>Links</h2>
      {key && (
        <Async state={tree} what="the links">
          {(t) => (t ? <><TreeView tree={t} />{t.truncated && <p class="muted">The tree was cut at its size limit.</p>}</> : null)}
        </Async>
      )}
    </section>
  );
}

// Windows: each backport/SWAT/train window of a time range, newest first, as a SWAT
// deployer reads it: when (UTC), who deployed, how many syncs and changes, the time spent
// (busy over span), failures, then its syncs one line each with their change links.
// Figures from the `windows` report; the syncs are the deployments that started inside
// the window (or name it), config merges left out as the report does.
import { Cell, External, Person } from '../components/Cell.tsx';
import { Async, Empty } from '../components/State.tsx';
import { getJson, type Row, type Table as Answer } from '../lib/api.ts';
import { formatSeconds, formatUtc } from '../lib/format.ts';
import { outLink } from '../lib/links.ts';
import { href, type Route, useTitle } from '../lib/route.ts';
import { useLinkBases } from '../lib/ui-config.ts';
import { useData } from '../lib/use-data.ts';
import type { ReportResult } from '../components/ReportTable.tsx';
import { Filters } from './Filters.tsx';

const DAY = 86_400_000;
const NOT_SYNCS = new Set(['config-merge']);

interface WindowView { w: Row; syncs: Row[] }

const ms = (v: unknown) => (typeof v === 'string' || v instanceof Date ? new Date(v).getTime() : Number.NaN);

/** The window's syncs: deployments that name it, or started inside [start, end). */
export function syncsOf(w: Row, deployments: Row[]): Row[] {
  const start = ms(w.opened_at ?? w.planned_start ?? w.starts_at);
  const end = ms(w.closed_at ?? w.planned_end);
  return deployments.filter((d) => !NOT_SYNCS.has(String(d.kind)) && (d.window_key === w.window_key
    || (!d.window_key && Number.isFinite(end) && ms(d.started_at) >= start && ms(d.started_at) < end)));
}

async function load(since: string | undefined, until: string | undefined, deployer: string | undefined) {
  let from = since;
  if (!from) {
    const [latest] = (await getJson<Answer>('/api/tables/deployments', { order: '-time', limit: '1', until })).rows;
    const end = latest ? ms(latest.started_at) : Date.now();
    from = new Date(Math.floor(end / DAY) * DAY - 13 * DAY).toISOString().slice(0, 10);
  }
  const [report, deps] = await Promise.all([
    getJson<ReportResult>('/api/reports/windows', { since: from, until, limit: '2000' }),
    getJson<Answer>('/api/tables/deployments', { since: from, until, order: 'time', limit: '5000' }),
  ]);
  const views: WindowView[] = report.rows.map((w) => ({ w, syncs: syncsOf(w, deps.rows) }))
    .filter((v) => !deployer || v.syncs.some((s) => s.deployer === deployer) || String(v.w.deployers ?? '').split(/[\s,]+/).includes(deployer))
    .sort((a, b) => ms(b.w.starts_at) - ms(a.w.starts_at));
  return { from, views, report };
}

function Stat({ n, label, title }: { n: string | number; label: string; title?: string }) {
  return <span class="stat" title={title}><b>{n}</b> {label}</span>;
}

function WindowCard({ v }: { v: WindowView }) {
  const bases = useLinkBases();
  const { w, syncs } = v;
  const start = String(w.opened_at ?? w.planned_start ?? w.starts_at);
  const end = w.closed_at ?? w.planned_end;
  const deployers = String(w.deployers ?? w.planned_deployers ?? '').split(/[\s,]+/).filter(Boolean);
  const out = outLink(String(w.window_key), bases);
  const failed = Number(w.failed ?? 0) + Number(w.aborted ?? 0);
  return (
    <article class={`window${syncs.length === 0 ? ' idle' : ''}`} data-testid="window" data-window={String(w.window_key)}>
      <div class="window-head">
        <h3>
          <time dateTime={start}>{formatUtc(start)}</time>{end ? `–${formatUtc(String(end)).slice(11) || formatUtc(String(end))}` : ''} UTC{' '}
          <a href={href('entity', { key: String(w.window_key) })}>{String(w.name ?? w.window_key)}</a>
          {out && <>{' '}<External link={out} /></>}
        </h3>
        <div class="stats">
          <span class="deployers">{deployers.length ? deployers.map((d, i) => <>{i > 0 ? ', ' : ''}<Person id={d} /></>) : <span class="muted">no deployer</span>}</span>
          <Stat n={Number(w.syncs ?? syncs.length)} label="syncs" />
          <Stat n={Number(w.changes ?? 0)} label="changes" />
          {Number(w.tasks ?? 0) > 0 && <Stat n={Number(w.tasks)} label="tasks" />}
          {w.busy_s != null && <Stat n={formatSeconds(Number(w.busy_s))} label={`busy of ${formatSeconds(Number(w.span_s ?? 0))}`} title="busy = the syncs' durations added up; span = first start to last finish" />}
          {Number(w.self_deploys ?? 0) > 0 && <Stat n={Number(w.self_deploys)} label="self-deploys" />}
          {failed > 0 && <span class="stat bad"><b>{failed}</b> failed or aborted</span>}
          {Number(w.requested ?? 0) > 0 && <Stat n={`${Number(w.requested_deployed ?? 0)}/${Number(w.requested)}`} label="requested deployed" />}
        </div>
      </div>
      {syncs.length > 0 && (
        <ol class="syncs">
          {syncs.map((s) => (
            <li key={String(s.deploy_key)} class={s.outcome && s.outcome !== 'ok' ? 'bad' : ''}>
              <time dateTime={String(s.started_at)} title={`${String(s.started_at)} (UTC)`}>{String(s.started_at).slice(11, 16)}</time>
              <span class="who"><Cell value={s.deployer} column="deployer" /></span>
              <span class="what"><Cell value={s.message} column="message" /></span>
              <span class="dur">{formatSeconds(s.duration_s as number | null)}</span>
              <span class="outcome">{String(s.outcome ?? '')}</span>
              <span class="key"><Cell value={s.deploy_key} column="deploy_key" row={s} /></span>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

export function Windows({ route }: { route: Route }) {
  useTitle('Windows');
  const since = route.params.get('since') || undefined;
  const until = route.params.get('until') || undefined;
  const deployer = route.params.get('deployer') || undefined;
  const idle = route.params.get('idle') === 'show';
  const data = useData(() => load(since, until, deployer), [since, until, deployer]);
  return (
    <section>
      <h1>Windows</h1>
      <Filters route={route} fields={[
        { name: 'since', label: 'Since', type: 'date' },
        { name: 'until', label: 'Until', type: 'date' },
        { name: 'deployer', label: 'Deployer', placeholder: 'nick or id' },
        { name: 'idle', label: 'Windows without syncs', type: 'select', options: ['hide', 'show'], default: 'hide' },
      ]} />
      <Async state={data} what="the windows">
        {({ from, views, report }) => {
          const shown = idle ? views : views.filter((v) => v.syncs.length > 0 || Number(v.w.syncs ?? 0) > 0);
          const busy = shown.reduce((n, v) => n + Number(v.w.busy_s ?? 0), 0);
          return (
            <>
              <p class="muted">
                {since ? '' : `The two weeks to the newest deployment, from ${from}. `}
                {shown.length} windows, {shown.reduce((n, v) => n + Number(v.w.syncs ?? 0), 0)} syncs, {shown.reduce((n, v) => n + Number(v.w.changes ?? 0), 0)} changes, {formatSeconds(busy) || '0 s'} busy.
                {' '}Figures from <a href={href('reports', { id: report.id, since: from, until })}>{report.id}@{report.version}</a>.
              </p>
              {shown.length === 0
                ? <Empty>No window{idle ? '' : ' with syncs'} in this range.</Empty>
                : <div class="windows">{shown.map((v) => <WindowCard key={String(v.w.window_key)} v={v} />)}</div>}
            </>
          );
        }}
      </Async>
    </section>
  );
}

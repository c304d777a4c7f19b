// One report of the registry inline on a page (GET /api/reports/:id), with its
// definition id@version, the data coverage of its tables and notes; nothing when the report is not
// registered (yet). `show` picks the default columns; the rest are in the chooser.
import { ApiError, enc, getJson, type Row } from '../lib/api.ts';
import { Coverage, type CoverageInfo } from './Coverage.tsx';
import { useData } from '../lib/use-data.ts';
import { Async } from './State.tsx';
import { Table } from './Table.tsx';

export interface ReportResult {
  id: string; version: number; metric?: string; benchmark?: string; watermark: string | null; coverage?: CoverageInfo;
  columns?: string[]; rows: Row[]; notes?: string[];
}

export function ReportMeta({ result }: { result: ReportResult }) {
  return <Coverage metric={result.metric ?? `${result.id}@${result.version}`} benchmark={result.benchmark} coverage={result.coverage} />;
}

export function ReportTable({ id, params, title, limit = 50, show, sort }: {
  id: string; params: Record<string, string | undefined>; title: string; limit?: number; show?: string[]; sort?: string;
}) {
  const result = useData(async () => {
    try {
      return await getJson<ReportResult>(`/api/reports/${enc(id)}`, { ...params, limit: String(limit) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, [id, JSON.stringify(params), limit]);
  if (result.data === null) return null;
  return (
    <>
      <h2>{title}</h2>
      <Async state={result} what={`the ${id} report`}>
        {(r) => r && (
          <>
            <ReportMeta result={r} />
            <Table id={`report-${id}`} columns={r.columns ?? Object.keys(r.rows[0] ?? {})} show={show} sort={sort} rows={r.rows} empty="No rows for this time window." />
            {r.notes?.map((n) => <p class="muted note" key={n}>{n}</p>)}
          </>
        )}
      </Async>
    </>
  );
}

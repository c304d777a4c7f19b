// One report of the registry inline on a page (GET /api/reports/:id), with its
// definition id@version, data watermark and notes; nothing when the report is not
// registered (yet).
import { ApiError, enc, getJson, type Row } from '../lib/api.ts';
import { href } from '../lib/route.ts';
import { useData } from '../lib/use-data.ts';
import { DataTable, Loading } from './DataTable.tsx';

interface Result { id: string; version: number; watermark: string | null; columns?: string[]; rows: Row[]; notes?: string[] }

export function ReportTable({ id, params, title, limit = 50 }: { id: string; params: Record<string, string | undefined>; title: string; limit?: number }) {
  const result = useData(async () => {
    try {
      return await getJson<Result>(`/api/reports/${enc(id)}`, { ...params, limit: String(limit) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, [id, JSON.stringify(params), limit]);
  if (result.data === null) return null;
  return (
    <>
      <h2>{title}</h2>
      <Loading {...result} />
      {result.data && (
        <>
          <p class="muted">
            <a href={href('reports', { id, ...params })}>{result.data.id}@{result.data.version}</a>; data as of {result.data.watermark ?? 'never synced'}
          </p>
          <DataTable testId={`report-${id}`} columns={result.data.columns ?? Object.keys(result.data.rows[0] ?? {})} rows={result.data.rows} empty="No rows for this time window." />
          {result.data.notes?.map((n) => <p class="muted note" key={n}>{n}</p>)}
        </>
      )}
    </>
  );
}

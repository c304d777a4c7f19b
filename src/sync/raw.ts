// Raw first: writes collected items unchanged into raw_records (identical content is
// stored once) and reads them back for normalize and renormalize.
import { sha256 } from '../lib/hash.ts';
import type { Store } from '../store/index.ts';
import type { RawItem, RawRecord, Reject } from '../sources/types.ts';
import { shortHash } from '../lib/hash.ts';
import { redactSecrets } from '../lib/redact.ts';

export function rawIdOf(source: string, kind: string, key: string, contentHash: string): string {
  return `${source}:${kind}:${key}#${contentHash.slice(0, 16)}`;
}

export function toRawRecord(source: string, scope: string, item: RawItem, now: Date): RawRecord {
  const contentHash = sha256(item.payload);
  return {
    rawId: rawIdOf(source, item.kind, item.key, contentHash),
    source,
    scope,
    kind: item.kind,
    key: item.key,
    url: redactSecrets(item.url) ?? null,
    payload: item.payload,
    contentHash,
    fetchedAt: item.fetchedAt ?? now,
  };
}

/**
 * Archives the records whose version is new and returns them (the ones to normalize),
 * with the raw ids of the versions they replaced (whose rows the caller removes).
 */
export async function storeRaw(tx: Store, records: RawRecord[]): Promise<{ fresh: RawRecord[]; superseded: string[] }> {
  if (records.length === 0) return { fresh: [], superseded: [] };
  const stored = await tx.storeRaw(records.map((r) => ({
    raw_id: r.rawId, source: r.source, scope: r.scope, kind: r.kind, key: r.key,
    fetched_at: r.fetchedAt, url: r.url, payload: r.payload, content_hash: r.contentHash,
  })));
  const fresh = new Set(stored.fresh);
  const seen = new Set<string>();
  const out: RawRecord[] = [];
  for (const r of records) {
    if (fresh.has(r.rawId) && !seen.has(r.rawId)) {
      seen.add(r.rawId);
      out.push(r);
    }
  }
  return { fresh: out, superseded: stored.superseded };
}

export function rowToRawRecord(r: Record<string, unknown>): RawRecord {
  return {
    rawId: String(r.raw_id), source: String(r.source), scope: String(r.scope), kind: String(r.kind),
    key: String(r.key), url: (r.url as string | null) ?? null, payload: String(r.payload),
    contentHash: String(r.content_hash), fetchedAt: r.fetched_at as Date,
  };
}

/** Reject rows, with deterministic ids so re-runs and renormalize do not duplicate them. */
export function rejectRows(source: string, scope: string, rejects: Reject[], at: Date): Record<string, unknown>[] {
  return rejects.map((r) => {
    const location = redactSecrets(r.location); // a URL's credentials are never stored, not even in the id
    return {
      reject_id: `${r.rawId ?? `${source}:${location ?? r.key ?? ''}`}|${shortHash(r.reason, location, r.key)}`,
      source, scope, raw_id: r.rawId ?? null, kind: r.kind ?? null, key: r.key ?? null,
      location: location ?? null, reason: redactSecrets(r.reason), rejected_at: at,
    };
  });
}

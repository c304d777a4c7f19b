// stashbot's Elasticsearch `sal` documents (FORMATS.md §2.2): a bare document, or a
// search hit `{_id, _source: {…}}`. Pure: the JSON text of one document in, an entry or
// the reason it cannot be read out.
import { parseSalTimestamp, type SalEntry } from './entry.ts';

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function parseEsDoc(text: string): SalEntry | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const hit = value as Json;
  const doc = (hit._source && typeof hit._source === 'object' ? hit._source : hit) as Json;
  const loggedAt = parseSalTimestamp(doc['@timestamp']);
  if (!loggedAt) return `no readable @timestamp (${JSON.stringify(doc['@timestamp'] ?? null)})`;
  const message = doc.message;
  return {
    id: str(hit._id) ?? str(doc.id),
    loggedAt,
    nick: str(doc.nick) ?? '',
    message: typeof message === 'string' ? message : message === undefined || message === null ? '' : JSON.stringify(message),
    project: str(doc.project),
    channel: str(doc.channel),
  };
}

// Conduit's form encoding: nested parameters become bracketed keys
// (`constraints[projects][0]=PHID-…`, `attachments[projects]=1`), next to `api.token`.
// Pure; the only place parameters are flattened. Source: FORMATS.md §5, phorge
// ConduitAPIRequest (form posts as scap/phorge_conduit.py sends them).

export type ConduitParams = Record<string, unknown>;

function flatten(prefix: string, value: unknown, out: [string, string][]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(`${prefix}[${i}]`, v, out));
  } else if (value instanceof Date) {
    out.push([prefix, String(Math.floor(value.getTime() / 1000))]);
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(`${prefix}[${k}]`, v, out);
  } else if (typeof value === 'boolean') {
    out.push([prefix, value ? '1' : '0']);
  } else {
    out.push([prefix, String(value)]);
  }
}

/** The form pairs of one Conduit call, in a stable order (api.token first). */
export function conduitFormPairs(params: ConduitParams, token: string): [string, string][] {
  const out: [string, string][] = [['api.token', token]];
  for (const [k, v] of Object.entries(params)) flatten(k, v, out);
  return out;
}

export function encodeConduitForm(params: ConduitParams, token: string): string {
  return new URLSearchParams(conduitFormPairs(params, token)).toString();
}

// Deterministic hostile variants of a real input, for the importer fuzz tests: truncation,
// NUL bytes, invalid UTF-8, wrong JSON types at random places, deep nesting, flipped bytes.
// Seeded (mulberry32), so a failure names a seed that reproduces it.

export type Mutation = 'truncate' | 'nul' | 'utf8' | 'types' | 'nesting' | 'flip';
export const MUTATIONS: Mutation[] = ['truncate', 'nul', 'utf8', 'types', 'nesting', 'flip'];

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRONG: unknown[] = [null, 5, -1.5, 'x', '', true, [], {}, [null], { a: 'b' }, '1e309', 2 ** 53 + 1];

/** Replaces a few values of a JSON document (anywhere in the tree) with values of other types. */
function retype(value: unknown, r: () => number, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return r() < 0.15 ? WRONG[Math.floor(r() * WRONG.length)] : value;
  if (depth > 0 && r() < 0.08) return WRONG[Math.floor(r() * WRONG.length)];
  if (Array.isArray(value)) return value.map((v) => retype(v, r, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retype(v, r, depth + 1)]));
}

function retypeText(text: string, r: () => number): string {
  const prefix = text.startsWith(")]}'") ? text.slice(0, text.indexOf('\n') + 1) : '';
  const body = text.slice(prefix.length);
  try {
    return prefix + JSON.stringify(retype(JSON.parse(body), r));
  } catch {
    // JSON lines, or not JSON: retype line by line where a line parses
    return body.split('\n').map((l) => {
      try {
        return JSON.stringify(retype(JSON.parse(l), r));
      } catch {
        return l;
      }
    }).join('\n');
  }
}

/** One hostile variant of `input` (bytes). */
export function mutate(input: Buffer, how: Mutation, seed: number): Buffer {
  const r = rng(seed);
  const at = () => Math.floor(r() * (input.length + 1));
  switch (how) {
    case 'truncate':
      return input.subarray(0, Math.max(1, Math.floor(input.length * (0.05 + 0.9 * r()))));
    case 'nul': {
      let out = input;
      for (let i = 0; i < 4; i++) {
        const p = Math.floor(r() * (out.length + 1));
        out = Buffer.concat([out.subarray(0, p), Buffer.from([0, 0]), out.subarray(p)]);
      }
      return out;
    }
    case 'utf8': {
      const bad = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3]), Buffer.from([0x80, 0x80]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90, 0x80, 0x80])];
      let out = input;
      for (const b of bad) {
        const p = Math.floor(r() * (out.length + 1));
        out = Buffer.concat([out.subarray(0, p), b, out.subarray(p)]);
      }
      return out;
    }
    case 'types':
      return Buffer.from(retypeText(input.toString('utf8'), r));
    case 'nesting': {
      const text = input.toString('utf8');
      const xml = text.trimStart().startsWith('<');
      const tag = xml ? (/<([A-Za-z][\w:-]*)[\s>]/.exec(text.slice(1 + text.indexOf('<', 1)))?.[1] ?? 'x') : '';
      const deep = xml ? `${`<${tag}>`.repeat(20_000)}${`</${tag}>`.repeat(20_000)}` : `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const p = at();
      return Buffer.from(text.slice(0, p) + deep + text.slice(p));
    }
    case 'flip': {
      const out = Buffer.from(input);
      for (let i = 0; i < Math.max(1, out.length / 200); i++) out[Math.floor(r() * out.length)] = Math.floor(r() * 256);
      return out;
    }
  }
}

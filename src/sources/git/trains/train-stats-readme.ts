// Reads the per-train figures thcipriani/train-stats published in its README.md (pandas
// DataFrames rendered as HTML tables, e.g. `version | rollbacks | rollbacks_time |
// group2_delay_days | total_delay | train_total_time | …`), so our trains can be checked
// against them. Pure: one README text in, version → figures out.

export interface PublishedTrain {
  rollbacks?: number;
  rollbacks_time?: number;
  group2_delay_days?: number;
  total_delay?: number;
  train_total_time?: number;
}

const COLUMNS = ['rollbacks', 'rollbacks_time', 'group2_delay_days', 'total_delay', 'train_total_time'] as const;

export function readPublishedTrains(readme: string, into = new Map<string, PublishedTrain>()): Map<string, PublishedTrain> {
  for (const table of readme.match(/<table[\s\S]*?<\/table>/g) ?? []) {
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(table);
    if (!head) continue;
    const names = [...head[1].matchAll(/<th>(.*?)<\/th>/g)].map((m) => m[1]);
    if (!names.includes('version') || !COLUMNS.some((c) => names.includes(c))) continue;
    const body = table.slice(table.indexOf('</thead>'));
    for (const tr of body.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
      const cells = [...tr.matchAll(/<t[hd]>(.*?)<\/t[hd]>/g)].map((m) => m[1]);
      if (cells.length !== names.length) continue;
      const row = Object.fromEntries(names.map((n, i) => [n, cells[i]]));
      const version = row.version;
      if (!/^\d+\.\d+\.\d+-wmf\.\d+$/.test(version)) continue;
      const figures: PublishedTrain = into.get(version) ?? {};
      for (const c of COLUMNS) {
        if (c in row && row[c] !== '' && Number.isFinite(Number(row[c]))) figures[c] = Number(row[c]);
      }
      into.set(version, figures);
    }
  }
  return into;
}

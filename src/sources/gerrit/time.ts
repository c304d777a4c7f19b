// Gerrit REST timestamps: "YYYY-MM-DD HH:MM:SS.nnnnnnnnn", UTC, no zone (Gerrit REST docs,
// "Timestamp"). Parsed in this one place; `after:` queries use the same form.

/** "2019-07-04 05:14:03.000000000" → the UTC instant (milliseconds kept), or null. */
export function parseGerritTime(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!m) return null;
  const ms = m[7] ? Number(m[7].padEnd(9, '0').slice(0, 3)) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms));
}

/** A UTC instant → "YYYY-MM-DD HH:MM:SS" for an `after:`/`before:` query. */
export function formatGerritTime(d: Date): string {
  return d.toISOString().replace('T', ' ').slice(0, 19);
}

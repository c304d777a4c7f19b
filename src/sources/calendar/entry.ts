// What every calendar format yields per window before it becomes a `windows` row, and the
// readers shared by the formats: requested changes and IRC nicks in a `what`/`who` text.
// Pure.

export interface CalendarEntry {
  start: Date;
  end: Date;
  rawName: string; // the window text as written (markup included)
  deployers: string[]; // IRC nicks, or the plain text when no {{ircnick}} is given ("SRE team")
  requesters: string[]; // nicks of the requesting developers (placeholder "irc-nickname" dropped)
  requested: { change: number; evidence: string }[];
  location: string; // file:line or file#id naming where the window is written
}

const GERRIT_FORMS: RegExp[] = [
  /\{\{deploy\|[^{}]*?\bgerrit\s*=\s*(\d+)[^{}]*\}\}/g, // {{deploy|type=config|gerrit=1101577|title=…}}
  /\{\{gerrit\|(\d+)[^{}]*\}\}/g, // {{gerrit|12345}}
  /\[\[gerrit:(\d+)(?:\|[^\]]*)?\]\]/g, // [[gerrit:12345|…]]
  /https?:\/\/gerrit\.wikimedia\.org\/r\/(?:c\/[^\s"'<>]*?\/\+\/|#\/c\/|\+\/)?(\d{3,})\b/g, // links, rendered or pasted
];

/** Change numbers requested in a window's text, each with the text that names it. */
export function requestedChanges(text: string): { change: number; evidence: string }[] {
  const out = new Map<number, string>();
  for (const re of GERRIT_FORMS) {
    for (const m of text.matchAll(re)) {
      const n = Number(m[1]);
      if (n > 0 && !out.has(n)) out.set(n, m[0]);
    }
  }
  return [...out].map(([change, evidence]) => ({ change, evidence }));
}

/** Nicks of {{ircnick|nick|Name}} in wikitext, in order, without the "irc-nickname" placeholder. */
export function ircNicks(text: string): string[] {
  const nicks = [...text.matchAll(/\{\{\s*ircnick\s*\|\s*([^|}]+?)\s*(?:\|[^}]*)?\}\}/gi)].map((m) => m[1]);
  return [...new Set(nicks.filter((n) => n !== 'irc-nickname'))];
}

/** Deployers of a `who`/`deployer` text: its nicks, else the plain text ("SRE team"), else none. */
export function deployersOf(text: string, plain: (t: string) => string): string[] {
  const nicks = ircNicks(text);
  if (nicks.length > 0) return nicks;
  const p = plain(text).replace(/<%=[^%]*%>/g, '').trim();
  return p && !/^(N\/A|none|-)$/i.test(p) ? [p] : [];
}

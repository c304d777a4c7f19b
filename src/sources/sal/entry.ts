// One SAL entry as every reader yields it, the nick split stashbot and logmsgbot imply,
// and the two time formats of the SAL (FORMATS.md §2.2, §2.4). Pure.

export interface SalEntry {
  id: string | null; // the ES _id / SAL permalink id when the format carries it
  loggedAt: Date;
  nick: string;
  message: string;
  project: string | null;
  channel: string | null;
}

export interface SplitNick {
  nick: string;
  userName: string | null;
  host: string | null;
  message: string;
}

const BOT_NICKS = new Set(['logmsgbot', 'logmsgbot_cloud']);

/**
 * Who did it, from where. `reedy@deploy1001` (stashbot split it off the logmsgbot line
 * since 2015-07) → user reedy, host deploy1001. A logmsgbot entry that still starts with
 * `user@host` (wmflib, or a wiki line before stashbot) is split the same way; an older
 * logmsgbot entry (`catrope synchronized …`, `!log $USER msg` until 2015-07) names the
 * user as the message's first word. wm-bot relays carry a `wmbot~` prefix.
 */
export function splitNick(nick: string, message: string): SplitNick {
  const at = /^([^@\s]+)@(\S+)$/.exec(nick);
  if (at) return { nick, userName: at[1], host: at[2], message };
  if (BOT_NICKS.has(nick)) {
    const first = /^(\S+)\s+([\s\S]*)$/.exec(message);
    if (!first) return { nick, userName: null, host: null, message };
    const userHost = /^([^@\s]+)@(\S+)$/.exec(first[1]);
    if (userHost) return { nick, userName: userHost[1], host: userHost[2], message: first[2] };
    return { nick, userName: first[1], host: null, message: first[2] };
  }
  return { nick, userName: nick.replace(/^wmbot~/, '') || null, host: null, message };
}

const ES_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})$/;

/** stashbot `@timestamp`: `2024-01-01T17:11:59Z`, imported history `2013-05-01T12:34:56.000Z`. */
export function parseSalTimestamp(text: unknown): Date | null {
  if (typeof text !== 'string') return null;
  const m = ES_TIME.exec(text.trim());
  if (!m) return null;
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) || Number(m[2]) > 12 || Number(m[4]) > 23 ? null : d;
}

/** A wiki or HTML day header (`YYYY-MM-DD`) plus an `HH:MM` line time → the UTC instant. */
export function parseDayTime(day: string, hhmm: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  const at = new Date(Date.UTC(y, mo - 1, da, h, mi));
  return at.getUTCDate() === da ? at : null;
}

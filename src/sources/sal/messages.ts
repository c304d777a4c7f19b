// The SAL message parser: one message (after the nick split) → the scap or deployer
// form it is, with its fields. Pure and total: any text gets a kind ('other' when no
// form matches) and never throws. Forms and their history: FORMATS.md §1.2, read
// against mediawiki-tools-scap (shell scripts of 4aaf2b60 for the pre-2014 wordings).
import { changeRefs, taskRefs, type ChangeRef } from './refs.ts';

export type MessageKind =
  | 'sync-file' | 'sync-file-legacy' | 'sync-start' | 'sync-finish' | 'scap-cmd-start' | 'scap-cmd-finish'
  | 'sync-wikiversions' | 'testservers' | 'testservers-decision' | 'scap3-start' | 'scap3-finish'
  | 'failed' | 'aborted' | 'cancelled' | 'lock' | 'unlock' | 'lock-force' | 'cookbook-start' | 'cookbook-end'
  | 'sync-l10n' | 'l10n-purge' | 'clean' | 'install-start' | 'install-finish'
  | 'window-start' | 'window-end' | 'swat' | 'gerrit-ref' | 'other';

export interface MessageFields {
  msg?: string; // the {msg} the deployer gave scap
  path?: string;
  durationS?: number;
  prog?: string; // sync-world, php-fpm-restart, deploy, lock, a cookbook name, …
  repo?: string;
  sha?: string;
  env?: string;
  version?: string;
  group?: string;
  users?: string[];
  decision?: 'continue' | 'rollback';
  exception?: string;
  scapVersion?: string;
  result?: string; // cookbook END (PASS|FAIL)
  exitCode?: number;
  windowName?: string;
  hosts?: string;
}

export interface ParsedMessage {
  kind: MessageKind;
  fields: MessageFields;
  changes: ChangeRef[];
  tasks: string[];
}

const DUR = String.raw`\((?:planned )?duration: (\d{2,})m (\d{2})s\)`;
const OPT_DUR = String.raw`(?: ${DUR})?`;
// 1.45.0-wmf.21 since 1.27 (2015-10); 1.26wmf24 and 1.21wmf11 before
const VERSION = String.raw`\d\.\d{1,2}(?:(?:\.\d{1,2})?-wmf\.\d{1,2}|wmf\d{1,2})`;

/** `utils.human_duration`: "%02dm %02ds"; minutes are not capped at 59 ("75m 03s"). */
export function parseScapDuration(min: string | undefined, sec: string | undefined): number | undefined {
  if (min === undefined || sec === undefined) return undefined;
  return Number(min) * 60 + Number(sec);
}

const SCAP_PROGS = 'scap|sync-[a-z-]+|php-fpm-restart|build-images|deploy-promote|backport|prep|install-world|clean|deploy';

function failedFields(m: RegExpExecArray): MessageFields {
  const exception = m[2] ?? /^([A-Z]\w*(?:Error|Exception|Failure|Interrupt))\b/.exec(m[3])?.[1];
  return { prog: m[1], exception, msg: m[3], scapVersion: m[4], durationS: parseScapDuration(m[5], m[6]) };
}

// Applied in this order; the first match wins. Each entry: kind, regex, field builder.
type Rule = [MessageKind, RegExp, (m: RegExpExecArray) => MessageFields];

const RULES: Rule[] = [
  // scap sync-file / sync-dir since 2014-05 (main.py L1677), also `Synchronized php: group1 to …`
  ['sync-file', new RegExp(String.raw`^Synchronized (.+?): (.*?)${OPT_DUR}$`), (m) =>
    ({ path: m[1], msg: m[2], durationS: parseScapDuration(m[3], m[4]) })],
  // pre-2014 shell sync-common-file: `synchronized <dir>  '<msg>'`, sync-dblist, sync-docroot
  ['sync-file-legacy', /^synchronized (database lists files|docroot and w|\S+)(?::\s+(.*)|\s+'(.*?)'?)?\s*$/, (m) =>
    ({ path: m[1], msg: m[2] ?? m[3] ?? '' })],
  // sync-world: `Started scap: m` (2014→2024-06), `Started scap sync-world: m`, shell `started scap: m`
  ['sync-start', /^[Ss]tarted scap(?: sync-world)?(?:: (.*))?$/, (m) => ({ prog: 'sync-world', msg: m[1] ?? '' })],
  ['sync-finish', new RegExp(String.raw`^[Ff]inished scap(?: sync-world)?(?:: (.*?))?${OPT_DUR}$`), (m) =>
    ({ prog: 'sync-world', msg: m[1] ?? '', durationS: parseScapDuration(m[2], m[3]) })],
  // lock-and-announce commands (cli.py L851): php-fpm-restart, build-images, …
  ['scap-cmd-start', /^Started scap ([a-z][\w-]*): (.*)$/, (m) => ({ prog: m[1], msg: m[2] })],
  ['scap-cmd-finish', new RegExp(String.raw`^Finished scap ([a-z][\w-]*): (.*?)${OPT_DUR}$`), (m) =>
    ({ prog: m[1], msg: m[2], durationS: parseScapDuration(m[3], m[4]) })],
  // 2014 shell: `rebuilt wikiversions.cdb and synchronized wikiversions files: m`
  ['sync-wikiversions', /^[Rr]ebuilt (?:wikiversions\.\w+ )?and synchronized wikiversions files:\s*(.*)$/, (m) => ({ msg: m[1] })],
  // the testserver pause (main.py L394-450) in its three wordings since 2022-08
  ['testservers', /^([^:]+): (.*) synced to the testservers(?:: (.*)|\s*\(.*|\.?)$/, (m) =>
    ({ users: splitUsers(m[1]), msg: m[2], hosts: m[3] })],
  ['testservers-decision', /^(?:([^:]+): )?(Continuing with deployment|Rolling back deployment)\.?$/, (m) =>
    ({ users: m[1] ? splitUsers(m[1]) : [], decision: m[2].startsWith('Rolling') ? 'rollback' : 'continue' })],
  ['cancelled', /^Scap cancelled without rolling back\.?$/, () => ({})],
  // scap3 (deploy.py L795-906): `Started deploy [repo@sha] (env): m`; before 2016-12 `Starting deploy [repo@sha]: m`
  ['scap3-start', /^(?:Started|Starting) (deploy|setup|restart)(?: of)? \[([^\]@]+)(?:@([0-9a-fA-F]{7,40}|UNKNOWN))?\](?: \(([^)]+)\))?:\s*(.*)$/, (m) =>
    ({ prog: m[1], repo: m[2], sha: m[3], env: m[4], msg: m[5] })],
  ['scap3-finish', new RegExp(String.raw`^Finished (deploy|setup|restart)(?: of)? \[([^\]@]+)(?:@([0-9a-fA-F]{7,40}|UNKNOWN))?\](?: \(([^)]+)\))?:\s*(.*?)${OPT_DUR}$`), (m) =>
    ({ prog: m[1], repo: m[2], sha: m[3], env: m[4], msg: m[5], durationS: parseScapDuration(m[6], m[7]) })],
  // canary checks 2017-2020: `Scap failed!: 2/3 canaries failed their endpoint checks(url)`
  ['failed', /^Scap failed!: (.*)$/, (m) => ({ prog: 'scap', msg: m[1] })],
  // `sync-world failed: <Exc> ex (scap version: v) (duration)`; 2014-2024 `scap failed: Exc ex (duration)`
  // A human "backup failed: …" is not scap: without the duration only scap's own names count.
  ['failed', new RegExp(String.raw`^([\w-]+) failed: (?:<([\w.]+)> )?(.*?)(?: \(scap version: ([^)]+)\))? ${DUR}$`), failedFields],
  ['failed', new RegExp(String.raw`^(${SCAP_PROGS}) failed: (?:<([\w.]+)> )?(.*?)(?: \(scap version: ([^)]+)\))?$`), failedFields],
  ['aborted', new RegExp(String.raw`^([\w-]+) aborted: (.*?) ${DUR}$`), (m) =>
    ({ prog: m[1], msg: m[2], durationS: parseScapDuration(m[3], m[4]) })],
  ['aborted', new RegExp(String.raw`^(${SCAP_PROGS}) aborted: (.*)$`), (m) => ({ prog: m[1], msg: m[2] })],
  // scap lock (main.py L1851, L1941, L2045); ` (planned duration: …)` until 2023-04
  ['lock', new RegExp(String.raw`^Locking from deployment \[([^\]]+)\]: (.*?)${OPT_DUR}$`), (m) =>
    ({ prog: 'lock', repo: m[1], msg: m[2], durationS: parseScapDuration(m[3], m[4]) })],
  ['unlock', new RegExp(String.raw`^Unlocked for deployment \[([^\]]+)\]: (.*?)${OPT_DUR}$`), (m) =>
    ({ prog: 'lock', repo: m[1], msg: m[2], durationS: parseScapDuration(m[3], m[4]) })],
  ['lock-force', /^Forcefully removing global lock: (.*)$/, (m) => ({ prog: 'lock', msg: m[1] })],
  // Spicerack: `START - Cookbook <name> <args>`, `END (PASS) - Cookbook <name> (exit_code=0) <args>`
  ['cookbook-start', /^START - Cookbook (\S+)\s*(.*)$/, (m) => ({ prog: m[1], msg: m[2] })],
  ['cookbook-end', /^END \((\w+)\) - Cookbook (\S+)(?: \(exit_code=(-?\d+)\))?\s*(.*)$/, (m) =>
    ({ result: m[1], prog: m[2], exitCode: m[3] === undefined ? undefined : Number(m[3]), msg: m[4] })],
  ['sync-l10n', new RegExp(String.raw`^scap sync-l10n completed \(([^)]*)\)${OPT_DUR}$`), (m) =>
    ({ version: m[1], durationS: parseScapDuration(m[2], m[3]) })],
  ['l10n-purge', /^Purged l10n cache for (\S+)$/, (m) => ({ version: m[1] })],
  ['clean', new RegExp(String.raw`^Pruned MediaWiki: (.*?)${OPT_DUR}$`), (m) => ({ msg: m[1], durationS: parseScapDuration(m[2], m[3]) })],
  ['install-start', /^Installing scap version "([^"]+)" for (\d+) host\(?s?\)?$/, (m) => ({ prog: 'install-world', version: m[1], msg: m[1] })],
  ['install-finish', /^Installation of scap version "([^"]+)" completed for (\d+) hosts?$/, (m) => ({ prog: 'install-world', version: m[1], msg: m[1] })],
];

// Window markers are typed by hand (Backport_windows/Deployers: "UTC morning deploys done",
// "or something to that effect"), so these are tolerant of the era's names and verbs.
const WINDOW_NAME = String.raw`(?:(?:European\s+)?mid-?day|morning|afternoon|evening|late|early|puppet|UTC\s+(?:morning|afternoon|evening|late|early|mid-?day))\s+(?:SWAT|backports?(?:\s+window)?|deploy(?:s|ments?)?(?:\s+window)?|window)(?:\s+window)?|SWAT|backport\s+window`;
const WINDOW_END = new RegExp(String.raw`^(?:the\s+)?(${WINDOW_NAME})\s*(?:is\s+)?(?:done|finished|complete(?:d)?|over|closed|ended)\b`, 'i');
const WINDOW_START = new RegExp(
  String.raw`^(?:(?:the\s+)?(${WINDOW_NAME})\s*(?:is\s+)?(?:start(?:s|ed|ing)?|begin(?:s|ning)?|open(?:s|ed|ing)?)\b|(?:start(?:ing)?|begin(?:ning)?|opening)\s+(?:of\s+)?(?:the\s+)?(${WINDOW_NAME})\b)`, 'i');
const SWAT_LINE = /^\[?SWAT\]?\b/i;
const TRAIN_MSG = new RegExp(String.raw`^(testwikis|group\d|all)(?: wikis)? to (${VERSION})(?:\s+refs (T\d+))?\s*$`);
const PATH_VERSION = new RegExp(String.raw`^php-(${VERSION})(?:/|$)`);

function splitUsers(text: string): string[] {
  return text.split(/,\s*/).map((u) => u.trim()).filter((u) => u !== '');
}

/** `group1 to 1.45.0-wmf.21  refs T123` (two spaces; `group1 wikis to …` before 2024-07). */
export function parseTrainMessage(msg: string): { group: string; version: string; task: string | null } | null {
  const m = TRAIN_MSG.exec(msg.trim());
  return m ? { group: m[1], version: m[2], task: m[3] ?? null } : null;
}

function windowMarker(text: string): ParsedMessage | null {
  const end = WINDOW_END.exec(text);
  if (end) return { kind: 'window-end', fields: { windowName: end[1].replace(/\s+/g, ' ') }, changes: [], tasks: [] };
  const start = WINDOW_START.exec(text);
  if (start) return { kind: 'window-start', fields: { windowName: (start[1] ?? start[2]).replace(/\s+/g, ' ') }, changes: [], tasks: [] };
  return null;
}

/** The form of one SAL message and its fields. Never throws. */
export function parseMessage(message: string): ParsedMessage {
  const text = (typeof message === 'string' ? message : String(message ?? '')).trim();
  for (const [kind, re, build] of RULES) {
    const m = re.exec(text);
    if (!m) continue;
    const fields = build(m);
    const train = fields.msg !== undefined ? parseTrainMessage(fields.msg) : null;
    if (train) {
      fields.group = train.group;
      fields.version = train.version;
    }
    const pathVersion = fields.path ? PATH_VERSION.exec(fields.path)?.[1] : undefined;
    if (pathVersion && !fields.version) fields.version = pathVersion;
    for (const k of Object.keys(fields) as (keyof MessageFields)[]) if (fields[k] === undefined) delete fields[k];
    return { kind, fields, changes: changeRefs(text), tasks: taskRefs(text) };
  }
  const marker = windowMarker(text);
  if (marker) return marker;
  const changes = changeRefs(text);
  if (SWAT_LINE.test(text)) return { kind: 'swat', fields: {}, changes, tasks: taskRefs(text) };
  if (changes.length > 0) return { kind: 'gerrit-ref', fields: {}, changes, tasks: taskRefs(text) };
  return { kind: 'other', fields: {}, changes: [], tasks: [] };
}

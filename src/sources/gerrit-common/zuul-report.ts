// Zuul / jenkins-bot CI report comments on Gerrit changes (shared by the gerrit and
// gerrit-notedb sources): the headline names the pipeline, each `- job url : RESULT in
// 1m 2s` line is one build. Pure. Headlines come from integration-config zuul/layout.yaml
// and the real operations/mediawiki-config history (2012–2019); see FORMATS.md §4.
import { buildIdFromUrl } from '../../model/ids.ts';

export interface CiJobLine {
  job: string | null;
  url: string | null;
  buildNumber: number | null;
  result: string | null; // lower case: success, failure, lost, aborted, skipped, not_registered…
  originalResult: string; // the token or text after " : ", as written
  durationS: number | null;
  voting: boolean;
  line: string;
}

export interface CiReport {
  headline: string;
  pipeline: string | null;
  jobs: CiJobLine[];
}

/** Headline → pipeline. Old generic headlines ("Build succeeded.") name no pipeline. */
const HEADLINES: [RegExp, string | null][] = [
  [/^Main test build (?:succeeded|failed)\.?$/i, 'test'],
  [/^Basic test build (?:succeeded|failed)\.?$/i, 'check'],
  [/^Gate pipeline build (?:succeeded|failed)\.?$/i, 'gate-and-submit'],
  [/^Starting gate-and-submit jobs\.?$/i, 'gate-and-submit'],
  [/^Post-?merge (?:pipeline )?build (?:succeeded|failed)\.?$/i, 'postmerge'],
  [/^Experimental build (?:succeeded|failed)\.?$/i, 'experimental'],
  [/^PHP build (?:succeeded|failed)\.?$/i, 'php'],
  [/^Puppet compiler build (?:succeeded|failed)\.?$/i, 'puppet-compiler'],
  [/^Merge Failed\.?$/i, 'gate-and-submit'],
  [/^This change depends on a change that failed to merge\.?$/i, 'gate-and-submit'],
  [/^Build (?:succeeded|successful|failed)\.?$/i, null],
];

const RESULTS = new Set([
  'SUCCESS', 'FAILURE', 'UNSTABLE', 'ABORTED', 'LOST', 'SKIPPED', 'NOT_REGISTERED', 'EXCEPTION', 'ERROR',
  'TIMED_OUT', 'CANCELED', 'MERGER_FAILURE', 'NODE_FAILURE', 'RETRY_LIMIT', 'POST_FAILURE', 'DISK_FULL', 'NOT_BUILT',
]);

// `- [job ][url ]: rest` — a job name, a URL, or both (FORMATS.md §4 line regex, widened).
const JOB_LINE = /^- (?:(?<job>(?!https?:)[^\s:]+) )?(?:(?<url>https?:\/\/\S+) )?: (?<rest>.+)$/;
const DURATION = / in (?:(?<h>\d+)h )?(?:(?<m>\d+)m )?(?<s>\d+)s$| in (?<hh>\d\d):(?<mm>\d\d):(?<ss>\d\d)$/;

/** `in 1h 2m 3s`, `in 1m 42s`, `in 26s`, `in 00:00:05` → seconds; the text without it. */
export function parseJobDuration(text: string): { rest: string; seconds: number | null } {
  const m = DURATION.exec(text);
  if (!m?.groups) return { rest: text, seconds: null };
  const g = m.groups;
  const seconds = g.s !== undefined
    ? Number(g.h ?? 0) * 3600 + Number(g.m ?? 0) * 60 + Number(g.s)
    : Number(g.hh) * 3600 + Number(g.mm) * 60 + Number(g.ss);
  return { rest: text.slice(0, m.index), seconds };
}

/** Jenkins build URL → job and number (`…/ci/job/<job>/<n>/console`). */
export function jobFromUrl(url: string): { job: string | null; number: number | null } {
  const m = /\/job\/([^/]+)\/(\d+|None)(?:\/|$)/.exec(url);
  if (!m) return { job: null, number: null };
  return { job: m[1], number: m[2] === 'None' ? null : Number(m[2]) };
}

/** The build id of a report URL (`host/ci/job/<job>/<n>`, model/ids buildIdFromUrl), or
 * null when the URL names no build number (`…/None/console` of a SKIPPED job). */
export function reportBuildId(url: string): string | null {
  if (jobFromUrl(url).number === null) return null;
  return buildIdFromUrl(url.replace(/\/console(?:Full|Text)?\/?(?=$|[?#])/, ''));
}

export function parseJobLine(line: string): CiJobLine | null {
  const m = JOB_LINE.exec(line.trimEnd());
  if (!m?.groups || (!m.groups.job && !m.groups.url)) return null;
  let rest = m.groups.rest.trim();
  let voting = true;
  if (rest.endsWith('(non-voting)')) {
    voting = false;
    rest = rest.slice(0, -'(non-voting)'.length).trimEnd();
  }
  const dur = parseJobDuration(rest);
  const token = /^([A-Z_]+)\b/.exec(dur.rest)?.[1];
  let result: string | null = null;
  if (token && RESULTS.has(token)) result = token.toLowerCase();
  else if (/^Change has been deployed/i.test(dur.rest)) result = 'success';
  else if (/^Failed deployment/i.test(dur.rest)) result = 'failure';
  else return null; // a comment line that only looks like a job line
  const fromUrl = m.groups.url ? jobFromUrl(m.groups.url) : { job: null, number: null };
  return {
    job: m.groups.job ?? fromUrl.job,
    url: m.groups.url ?? null,
    buildNumber: fromUrl.number,
    result,
    originalResult: rest,
    durationS: dur.seconds,
    voting,
    line: line.trim(),
  };
}

/** Strips the `Patch Set 3: Verified+2` first line Gerrit puts before a review comment. */
function reviewBody(message: string): string[] {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  if (/^Patch Set \d+:/.test(lines[0] ?? '')) lines.shift();
  return lines;
}

/** A CI report in a change message, or null when the message is not one. */
export function parseCiReport(message: string): CiReport | null {
  const lines = reviewBody(message);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return null;
  const headline = lines[first].trim();
  const known = HEADLINES.find(([re]) => re.test(headline));
  const jobs: CiJobLine[] = [];
  for (const l of lines.slice(first + 1)) {
    if (!l.startsWith('- ')) continue;
    const job = parseJobLine(l);
    if (job) jobs.push(job);
  }
  if (!known && jobs.length === 0) return null;
  return { headline, pipeline: known ? known[1] : null, jobs };
}

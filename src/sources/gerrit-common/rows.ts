// ChangeRecord → rows of changes, patchsets, votes, change_messages, identities,
// ci_builds (one per job line of a Zuul report, with the report's message as report_key),
// build → change and build → patch set links (rule `zuul-report`, evidence = the report's
// headline and job line) and change → task links (rule `commit-footer`, evidence = the
// Bug: line). Pure; shared by gerrit and gerrit-notedb.
import { emptyRows, type RowFor, type RowsFor } from '../../model/catalogue/index.ts';
import { keys } from '../../model/ids.ts';
import { shortHash } from '../../lib/hash.ts';
import { parseFooters } from '../git/footers.ts';
import type { Row } from '../types.ts';
import type { ChangeRecord, MessageRecord } from './change-record.ts';
import { parseCiReport, reportBuildId } from './zuul-report.ts';

export type GerritRows = RowsFor<'changes' | 'patchsets' | 'votes' | 'change_messages' | 'identities' | 'ci_builds' | 'links'>;

export function emptyGerritRows(): GerritRows {
  return emptyRows('changes', 'patchsets', 'votes', 'change_messages', 'identities', 'ci_builds', 'links');
}

const gerritIdentity = (id: string | null) => (id ? keys.identity('gerrit', id) : null);

function ciRows(rec: ChangeRecord, changeKey: string, msg: MessageRecord, rawId: string, out: GerritRows): void {
  const report = parseCiReport(msg.text);
  if (!report) return;
  report.jobs.forEach((j, i) => {
    // Prefer the Jenkins URL as id so the jenkins source links by URL; lines without a
    // build number (SKIPPED `…/None/console`, job name only) get an id from their message.
    const id = (j.url && reportBuildId(j.url)) ?? `${rec.host}/${rec.number}/${msg.id}/${i}-${shortHash(j.line)}`;
    const buildKey = keys.build('zuul', id);
    out.ci_builds.push({
      build_key: buildKey, system: 'zuul', pipeline: report.pipeline, job: j.job,
      build_number: j.buildNumber, url: j.url, result: j.result, original_result: j.originalResult,
      voting: j.voting, duration_s: j.durationS, started_at: null, reported_at: msg.at, node: null,
      repo: rec.project, change_key: changeKey, patchset: msg.patchset, zuul_uuid: null,
      report_headline: report.headline, report_key: `${changeKey}/${msg.id}`, raw_id: rawId,
    });
    // The report on the change proves which change and patch set the build tested.
    const evidence = `${msg.patchset !== null ? `Patch Set ${msg.patchset}: ` : ''}${report.headline} ${j.line}`;
    const link = { src_key: buildKey, rule: 'zuul-report', evidence, confidence: 'high', first_seen_at: msg.at, raw_id: rawId };
    out.links.push({ ...link, dst_key: changeKey });
    if (msg.patchset !== null) out.links.push({ ...link, dst_key: keys.patchset(changeKey, msg.patchset) });
  });
}

export function changeRows(rec: ChangeRecord, rawId: string, out: GerritRows = emptyGerritRows()): GerritRows {
  const changeKey = keys.change(rec.host, rec.number);
  const footers = rec.commitMessage ? parseFooters(rec.commitMessage) : null;
  const current = rec.patchsets.reduce<ChangeRecord['patchsets'][number] | null>(
    (a, p) => (!a || p.number > a.number ? p : a), null);
  const ownerName = rec.accounts.find((a) => a.id === rec.owner)?.name ?? null;
  out.changes.push({
    change_key: changeKey, host: rec.host, number: rec.number, change_id: rec.changeId, project: rec.project,
    branch: rec.branch, subject: rec.subject, topic: rec.topic, owner: gerritIdentity(rec.owner), owner_name: ownerName,
    status: rec.status, original_status: rec.originalStatus, created_at: rec.createdAt, updated_at: rec.updatedAt,
    merged_at: rec.mergedAt, abandoned_at: rec.abandonedAt, patchset_count: current?.number ?? 0,
    current_sha: current?.sha ?? null, bug_tasks: footers?.bugTasks ?? [], depends_on: footers?.dependsOn ?? [],
    submitter: gerritIdentity(rec.submitter), raw_id: rawId,
  });
  for (const p of rec.patchsets) {
    out.patchsets.push({
      patchset_key: keys.patchset(changeKey, p.number), change_key: changeKey, number: p.number, sha: p.sha,
      uploader: gerritIdentity(p.uploader), kind: null, created_at: p.createdAt, raw_id: rawId,
    });
  }
  for (const v of rec.votes) {
    out.votes.push({
      vote_key: `${keys.patchset(changeKey, v.patchset)}/${v.label}/${v.voter}/${v.at.toISOString()}`,
      change_key: changeKey, patchset: v.patchset, label: v.label, value: v.value, removed: v.removed,
      voter: gerritIdentity(v.voter), voted_at: v.at, raw_id: rawId,
    });
  }
  for (const m of rec.messages) {
    out.change_messages.push({
      message_key: `${changeKey}/${m.id}`, change_key: changeKey, patchset: m.patchset, author: gerritIdentity(m.author),
      posted_at: m.at, tag: m.tag, message: m.text, raw_id: rawId,
    });
    ciRows(rec, changeKey, m, rawId, out);
  }
  for (const a of rec.accounts) {
    out.identities.push({
      identity_key: keys.identity('gerrit', a.id), system: 'gerrit', account: a.id, name: a.name,
      email: a.email, username: a.username, person_key: null, raw_id: rawId,
    });
  }
  for (const b of footers?.bugLines ?? []) {
    out.links.push({
      src_key: changeKey, dst_key: keys.task(b.task), rule: 'commit-footer', evidence: b.line,
      confidence: 'high', first_seen_at: current?.createdAt ?? rec.createdAt, raw_id: rawId,
    });
  }
  return out;
}

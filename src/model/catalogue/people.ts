// People and their accounts on each system, and the links between any two entities.
import { col, defineTable, derived, req } from './define.ts';

export const people = defineTable({
  name: 'people',
  doc: 'person, merged from accounts by explicit rules',
  mode: 'upsert',
  key: ['person_key'],
  writers: ['people'],
  columns: {
    person_key: req('text', 'person:<id>'),
    display_name: col('text'),
    raw_id: col('text'),
  },
});

export const identities = defineTable({
  name: 'identities',
  doc: 'account on one system (git email, Gerrit account, Phabricator user, IRC nick, …)',
  mode: 'upsert',
  key: ['identity_key'],
  writers: ['git', 'gerrit', 'gerrit-notedb', 'phabricator'],
  version: [{ column: 'seen_at', prefer: 'max' }],
  columns: {
    identity_key: req('text', '<system>:<account id or email>'),
    system: req('text', 'git, gerrit, phabricator, irc, jenkins'),
    account: req('text'),
    name: col('text'),
    email: col('text'),
    username: col('text'),
    person_key: derived('text', 'people'),
    raw_id: col('text'),
    seen_at: col('timestamp', 'time of the evidence that named it (the newest wins)'),
  },
});

export const links = defineTable({
  name: 'links',
  doc: 'edge between two keys, with the rule, evidence and confidence',
  mode: 'upsert',
  key: ['src_key', 'dst_key', 'rule'],
  writers: ['git', 'gerrit', 'gerrit-notedb', 'phabricator', 'jenkins', 'junit', 'sal', 'calendar', 'workflow', 'incidents', 'links'],
  version: [{ column: 'first_seen_at', prefer: 'min' }],
  columns: {
    src_key: req('text'),
    dst_key: req('text'),
    rule: req('text'),
    evidence: col('text'),
    confidence: req('text', 'high, medium, low'),
    first_seen_at: col('timestamp', 'time of the evidence, never the clock'),
    raw_id: col('text'),
  },
});

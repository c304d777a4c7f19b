// People and their accounts on each system, how accounts were joined into people (rule,
// evidence, proposals), the manual decisions that override the rules, and the links
// between any two entities.
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
    accounts: col('int', 'how many identities the person has'),
    systems: col('text[]', 'the systems of those identities'),
    bot: col('text', 'the bot of the bot list the person is, or NULL for a human'),
    bot_list_version: col('int', 'version of src/people/bots.yaml that judged it'),
  },
});

export const peopleMerges = defineTable({
  name: 'people_merges',
  doc: 'one join of accounts into a person by a named rule, with its evidence; proposed when it would join two people of several accounts each',
  mode: 'upsert',
  key: ['merge_key'],
  writers: ['people'],
  columns: {
    merge_key: req('text', '<rule>:<group> (the value the accounts share, or the decision id)'),
    rule: req('text', 'mapping, email, change-owner-author, username, manual'),
    status: req('text', 'applied; proposed (not applied: it would join two people of several accounts each); accepted (a proposal a manual merge carried out); kept-apart (a split keeps an account out)'),
    person_key: col('text', 'the person the accounts joined (applied) '),
    identity_keys: col('text[]', 'the accounts the rule joins'),
    people_keys: col('text[]', 'proposed: the people it would join'),
    evidence: col('text'),
    decision_id: col('text', 'manual merges and splits: the people_decisions row'),
  },
});

export const peopleDecisions = defineTable({
  name: 'people_decisions',
  doc: 'a manual merge or split of accounts, or a people.yaml mapping; undone, it is kept with undone_at',
  mode: 'upsert',
  key: ['decision_id'],
  writers: ['people-cli'],
  internal: true,
  columns: {
    decision_id: req('text', 'd<n> for a decision, map:<person id> for a people.yaml entry'),
    action: req('text', 'merge, split, map'),
    identity_keys: req('text[]', 'merge: the accounts to join; split: the account to keep apart; map: the person\'s accounts'),
    person_id: col('text', 'map: the id of person:<id>'),
    display_name: col('text', 'map: the name to show'),
    note: col('text'),
    decided_at: req('timestamp'),
    undone_at: col('timestamp'),
  },
});

export const identities = defineTable({
  name: 'identities',
  doc: 'account on one system (git email, Gerrit account, Phabricator user, IRC nick, …)',
  mode: 'upsert',
  key: ['identity_key'],
  writers: ['git', 'gerrit', 'gerrit-notedb', 'phabricator', 'people'],
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

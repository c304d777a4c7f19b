// The demo world's shape: one deterministic organisation that every source emitter
// (src/demo/emit/<source>.ts) writes out in its own real wire format, so the links
// between sources (Bug: footers ↔ tasks, SAL [[gerrit:N]] ↔ changes, Zuul reports ↔
// Jenkins builds) hold in the ingested demo exactly as they do in real history.

export interface DemoPerson {
  id: string; // stable slug, e.g. "jdoe"
  name: string; // "Jane Doe"
  email: string; // git author email
  gerritAccountId: number; // NoteDB/REST _account_id
  username: string; // Gerrit/Phabricator username
  phabPhid: string; // PHID-USER-…
  ircNick: string;
  deployer: boolean; // runs backport windows and trains
}

export interface DemoRepo {
  name: string; // Gerrit project, e.g. mediawiki/extensions/Math
  kind: 'core' | 'extension' | 'skin' | 'config' | 'service';
  deployed: boolean;
  archived: boolean;
}

export interface DemoTask {
  id: number; // T<id>
  title: string;
  subtype: 'default' | 'bug' | 'error' | 'release' | 'security';
  status: 'open' | 'stalled' | 'resolved' | 'declined' | 'invalid' | 'duplicate';
  priority: { value: number; name: string };
  createdAt: Date;
  closedAt: Date | null;
  firstClosedAt: Date | null; // set when the task was closed once, then reopened
  reopenedAt: Date | null; // closed once, reopened, closed again (closedAt is the last close)
  author: string; // person id
  owner: string | null; // person id
  projects: string[]; // project names, e.g. "MediaWiki-extensions-Math", "Wikimedia-Incident"
  restricted: boolean; // security task: view policy not public
  releaseVersion: string | null; // release subtype: train blocker for this version
}

export interface DemoVote {
  patchset: number;
  label: 'Code-Review' | 'Verified';
  value: number;
  voter: string; // person id, or "jenkins-bot"
  at: Date;
  message?: string; // text under the vote, e.g. "Approved by … using scap backport"
}

export interface DemoTestCase {
  suite: string;
  className: string;
  name: string;
  status: 'pass' | 'fail' | 'error' | 'skip';
  durationMs: number;
  message: string | null;
}

export interface DemoBuild {
  id: string; // unique, e.g. "mediawiki-quibble-vendor-mysql-php81/4211"
  job: string; // Jenkins job name, e.g. mediawiki-quibble-vendor-mysql-php81
  buildNumber: number;
  pipeline: 'test' | 'gate-and-submit' | 'postmerge' | 'experimental';
  changeNumber: number;
  patchset: number;
  repo: string;
  /** When Zuul enqueued the item this build belongs to (same for every build of it). */
  enqueuedAt: Date;
  startedAt: Date;
  durationS: number; // still running at the world's end when startedAt + durationS is later
  result: 'SUCCESS' | 'FAILURE' | 'UNSTABLE' | 'ABORTED' | 'LOST';
  voting: boolean;
  node: string;
  zuulUuid: string;
  /** Number of JUnit test cases this build ran; the cases come from testsOf(). */
  testCount: number;
}

export interface DemoPatchset {
  number: number;
  sha: string; // 40 hex
  uploader: string; // person id
  at: Date;
}

export interface DemoChange {
  number: number;
  changeId: string; // I + 40 hex
  repo: string;
  branch: string; // master or wmf/1.45.0-wmf.N
  subject: string; // may contain HTML-looking text, on purpose
  topic: string | null;
  owner: string; // person id
  createdAt: Date;
  status: 'open' | 'merged' | 'abandoned';
  mergedAt: Date | null;
  abandonedAt: Date | null;
  tasks: number[]; // Bug: T… footers
  dependsOn: string | null; // Change-Id of another change
  patchsets: DemoPatchset[];
  votes: DemoVote[];
  builds: DemoBuild[];
  commitSha: string | null; // merged commit on the branch (= last patch set sha)
  approvedAt: Date | null; // the Code-Review+2 that sent it to the gate
  /** A backport: the master commit this wmf-branch change was cherry-picked from. */
  cherryPickOf: string | null;
  /** A train step made by `scap deploy-promote`: the wikiversions.json change it carries. */
  train: { version: string; group: DemoTrainStep['group']; kind: DemoTrainStep['kind'] } | null;
}

export interface DemoWindow {
  id: string; // e.g. "2026-03-04-utc-late"
  name: string; // calendar name of the era, e.g. "UTC late backport window"
  kind: 'backport' | 'train';
  plannedStart: Date;
  plannedEnd: Date;
  deployers: string[]; // person ids
  maxPatches: number;
  requested: number[]; // change numbers requested on the calendar
}

export interface DemoDeployment {
  id: string;
  kind: 'backport' | 'sync-file' | 'sync-world' | 'train-promote' | 'scap3-deploy';
  windowId: string | null;
  deployer: string; // person id
  host: string; // deploy1002, deploy2002…
  startedAt: Date;
  finishedAt: Date | null;
  outcome: 'ok' | 'failed' | 'aborted';
  changes: number[];
  tasks: number[];
  path: string | null; // sync-file path
  version: string | null; // train version
  group: string | null; // train group
  message: string; // the {msg} scap was given
  staged: boolean; // paused at the testservers
}

export interface DemoTrainStep {
  group: 'testwikis' | 'group0' | 'group1' | 'group2';
  kind: 'rollforward' | 'rollback';
  at: Date;
  change: number; // the operations/mediawiki-config change that made it
}

export interface DemoTrain {
  version: string; // 1.45.0-wmf.N
  branchedAt: Date;
  blockerTask: number; // release-subtype task
  steps: DemoTrainStep[];
}

export interface DemoIncident {
  id: string; // "2026-03-04 Some outage"
  title: string;
  startedAt: Date;
  detectedAt: Date;
  endedAt: Date;
  summary: string;
  tasks: number[];
  changes: number[];
  causedBy: string | null; // deployment id named in the report
}

/** tiny is for tests; users choose small (the default) or large. */
export type DemoScale = 'tiny' | 'small' | 'large';

export interface DemoWorld {
  seed: number;
  scale: DemoScale;
  start: Date;
  end: Date; // the clock's now when the world was built: nothing happens after it
  gerritHost: string;
  people: DemoPerson[];
  repos: DemoRepo[];
  tasks: DemoTask[];
  changes: DemoChange[];
  windows: DemoWindow[];
  deployments: DemoDeployment[];
  trains: DemoTrain[];
  incidents: DemoIncident[];
}

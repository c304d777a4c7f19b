-- Config deployments dated by their Gerrit submit (src/derive/steps/config-deploy-submit):
-- time_basis says where a config-merge deployment's time and deployer come from,
-- 'gerrit-submit' when a Gerrit change (NoteDB or REST) of the same Change-Id was merged,
-- else 'git-commit' (the commit's committer time and author, a labelled fallback).
ALTER TABLE deployments ADD COLUMN time_basis VARCHAR;
UPDATE deployments SET time_basis = 'git-commit' WHERE kind = 'config-merge';
-- The next import of git or Gerrit re-derives, so stored config deploys get their submit time.
DELETE FROM derive_state WHERE source IN ('git', 'gerrit', 'gerrit-notedb');

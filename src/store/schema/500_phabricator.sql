-- Phabricator (src/sources/phabricator): the project PHIDs a task carries, kept next to
-- the project names that derive() resolves into tasks.projects, and the project names
-- themselves (from project.search / phid.lookup), so "by project" reports read names.
ALTER TABLE tasks ADD COLUMN project_phids VARCHAR[];

CREATE TABLE phab_projects (
  project_phid  VARCHAR NOT NULL,   -- PHID-PROJ-…
  name          VARCHAR,            -- display name, e.g. "MediaWiki-extensions-Math"
  slug          VARCHAR,            -- hashtag without '#', when known
  raw_id        VARCHAR
);

-- Config deployments and trains (git source, operations/mediawiki-config):
-- the Change-Id a config-merge deployment carried, known before (or without) its change
-- number; and the version a train event moved wikis to (from_version is where they came from).
ALTER TABLE deployment_items ADD COLUMN change_id VARCHAR;
ALTER TABLE train_events ADD COLUMN to_version VARCHAR;

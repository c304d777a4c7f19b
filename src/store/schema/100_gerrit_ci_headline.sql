-- gerrit / gerrit-notedb: the headline of the Zuul report a CI build row came from
-- ("Main test build succeeded.", "Build succeeded."…), kept next to the pipeline mapped
-- from it, so old generic headlines that name no pipeline stay visible.
ALTER TABLE ci_builds ADD COLUMN report_headline VARCHAR;

-- Incident reports (src/sources/incidents): how each time was found, the report's status,
-- the SAL permalinks it cites (for the incident-reference link rule), and the hours before
-- the outage that the time-proximity rule looks at (sources.incidents.preceding_hours).
ALTER TABLE incidents ADD COLUMN status VARCHAR;          -- draft, review, final (2022+ reports)
ALTER TABLE incidents ADD COLUMN started_by VARCHAR;      -- metadata, marker (OUTAGE BEGINS), keyword, first-entry
ALTER TABLE incidents ADD COLUMN ended_by VARCHAR;        -- metadata, marker (OUTAGE ENDS), keyword, last-entry
ALTER TABLE incidents ADD COLUMN sal_ids VARCHAR[];       -- SAL permalink ids cited in the report
ALTER TABLE incidents ADD COLUMN preceding_hours INTEGER; -- window of the time-proximity links

-- Zuul's item owner (name, email, username of the change owner's Gerrit account): evidence
-- for the people step (docs/people.md). Declared in src/model/catalogue/ci.ts.
ALTER TABLE zuul_queue_items ADD COLUMN owner_name VARCHAR;
ALTER TABLE zuul_queue_items ADD COLUMN owner_email VARCHAR;
ALTER TABLE zuul_queue_items ADD COLUMN owner_username VARCHAR;

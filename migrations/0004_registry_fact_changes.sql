-- Which subjects' facts changed since a time: for incremental 政策找人 scans.
CREATE INDEX facts_recorded_at ON facts (recorded_at);
CREATE INDEX facts_superseded_at ON facts (superseded_at) WHERE superseded_at IS NOT NULL;
CREATE INDEX persons_updated_at ON persons (updated_at);
-- Household membership on a date, looked up per person (scans, fact assembly).
CREATE INDEX household_members_person ON household_members (county, person_id, valid_from);

-- 政策找人: who told a person on the list, and when (the list shows it; notifying again is a no-op).
ALTER TABLE rules_findings ADD COLUMN notified_at timestamptz;
ALTER TABLE rules_findings ADD COLUMN notified_by text;

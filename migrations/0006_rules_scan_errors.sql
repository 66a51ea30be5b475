-- A scan that failed says why (scans run in the background of the API).
ALTER TABLE rules_scan_runs ADD COLUMN error text;

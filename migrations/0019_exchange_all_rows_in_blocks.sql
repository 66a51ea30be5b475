-- Every row of a department list in blocks (docs/decisions/0024): from this migration on, an import keeps
-- all its rows — matched, candidate, unmatched, invalid — in exchange_row_blocks (layout 2), with each
-- candidate row's candidates and subject key; exchange_rows and exchange_candidates then hold only the
-- rows a reviewer has acted on (copied from their block at the first decision, then updated as before).
-- A row found in exchange_rows is read from there; otherwise from its block. Blocks of layout 1 (imports
-- loaded before this migration) hold matched rows only, all of one subject county, and those imports'
-- other rows are in exchange_rows, as they were.
ALTER TABLE exchange_row_blocks
  ADD COLUMN layout smallint NOT NULL DEFAULT 1 CHECK (layout IN (1, 2)),
  -- Layout 2: the 32-byte subject key of each candidate row of the block, in row order (NULL: none).
  ADD COLUMN subject_keys bytea,
  -- Layout 2 names each row's subject county in `matches`; the column is left NULL.
  ALTER COLUMN subject_county DROP NOT NULL,
  ADD CONSTRAINT exchange_row_blocks_layout_county CHECK ((layout = 1) = (subject_county IS NOT NULL));

-- Matched rows of a department list, kept compactly (docs/decisions/0020): a list of a million rows is
-- mostly rows matched for certain, which nobody reviews. They are stored in blocks of up to a few thousand
-- rows, in file order, instead of one exchange_rows row each (candidate, unmatched and invalid rows stay in
-- exchange_rows and exchange_candidates, where reviewers page through them). A row is in exactly one of
-- the two places. src/modules/exchange/infra/row-blocks.ts writes and reads the packed columns.
CREATE TABLE exchange_row_blocks (
  county          char(6)  NOT NULL,
  import_id       bigint   NOT NULL,
  block           integer  NOT NULL,
  -- Row numbers of the block's first and last row (the header is row 1), and how many rows it holds.
  first_row       integer  NOT NULL,
  last_row        integer  NOT NULL,
  rows            integer  NOT NULL,
  -- The county of every registry subject matched in this block (a block never mixes counties).
  subject_county  char(6)  NOT NULL,
  -- Per row, packed and deflated: its row number, the registry subject matched (persons.id or
  -- enterprises.id), the reasons of the match and whether its ID cell was valid. No personal data.
  matches         bytea    NOT NULL,
  -- The rows' cells as given (姓名, 公民身份号码 or 统一社会信用代码, 性别, 出生日期, 乡镇（街道）), deflated
  -- and encrypted once per block (AES-256-GCM, the personal-data cipher's format).
  cells_enc       bytea    NOT NULL,
  PRIMARY KEY (county, import_id, block),
  FOREIGN KEY (county, import_id) REFERENCES exchange_imports (county, id),
  CHECK (rows > 0 AND first_row <= last_row)
);

-- Administrative divisions of Lingyuan, effective-dated: a unit is in force on day d when
-- valid_from <= d < valid_to (valid_to NULL = still in force). History is never deleted.
CREATE TABLE divisions (
  code        varchar(12) NOT NULL CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  valid_from  date        NOT NULL,
  valid_to    date,
  name        text        NOT NULL,
  level       text        NOT NULL CHECK (level IN ('province', 'prefecture', 'county', 'township', 'village')),
  kind        text        NOT NULL,
  parent_code varchar(12),
  source      text        NOT NULL,
  PRIMARY KEY (code, valid_from),
  CHECK (valid_to IS NULL OR valid_to > valid_from)
);
CREATE INDEX divisions_parent ON divisions (parent_code);

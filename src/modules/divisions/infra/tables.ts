export interface DivisionsTable {
  code: string;
  valid_from: string;
  valid_to: string | null;
  name: string;
  level: string;
  kind: string;
  parent_code: string | null;
  source: string;
}

export interface DivisionTables {
  divisions: DivisionsTable;
}

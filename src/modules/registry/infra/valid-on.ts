import { sql } from 'kysely';

/** A dated row (`valid_from`, `valid_to`, half-open) in force on `asOf`, as a WHERE condition. */
export const validOn = (asOf: string) =>
  sql<boolean>`valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to > ${asOf})`;

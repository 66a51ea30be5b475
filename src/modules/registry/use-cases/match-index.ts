import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { AnyDb, Database } from '../../../platform/db/database.js';
import { copyTextRows } from '../../../platform/db/copy-text.js';
import { covers, requirePermission, type Actor } from '../../access/index.js';
import { personRepository } from '../infra/person.repository.js';

/** One person as another module's matcher needs them: no ID number, only its keyed hash (hex). */
export interface PersonMatchRow {
  id: number;
  county: string;
  name: string;
  /** HMAC-SHA256 of the normalised ID number, lower-case hex (the same key as `persons.id_number_hash`). */
  idHashHex: string;
  birthDate: string;
  sex: 'male' | 'female';
  township: string;
}

/** One enterprise for a matcher: the credit code is not personal data and is given as is. */
export interface EnterpriseMatchRow {
  id: number;
  county: string;
  name: string;
  uscc: string;
  township: string;
}

const PAGE = 100_000;

function scopeFilter(division: string): string {
  if (!/^[0-9]{0,12}$/.test(division)) throw new Error('bad division');
  if (!division) return 'TRUE';
  const county = division.length >= 6 ? ` AND county = '${division.slice(0, 6)}'` : '';
  return `residence_division LIKE '${division}%'${county}`;
}

/**
 * Every person within the actor's jurisdiction, streamed in pages of 100,000 by id (COPY … TO, the
 * fastest read either database has): what a matcher keeps in memory to match a department list in
 * process. No plain ID number leaves the registry here.
 */
export async function* personMatchIndex(database: Database, actor: Actor): AsyncGenerator<PersonMatchRow[]> {
  requirePermission(actor, 'registry.read');
  const where = scopeFilter(actor.division);
  let after = 0;
  for (;;) {
    const text = await database.copyOut(
      `SELECT id, county, name, encode(id_number_hash, 'hex'), birth_date, sex, township FROM persons
        WHERE ${where} AND id > ${after} ORDER BY id LIMIT ${PAGE}`,
    );
    const page: PersonMatchRow[] = [];
    for (const f of copyTextRows(text)) {
      page.push({
        id: Number(f[0]),
        county: f[1]!,
        name: f[2]!,
        idHashHex: f[3]!,
        birthDate: f[4]!,
        sex: f[5] as 'male' | 'female',
        township: f[6]!,
      });
    }
    if (!page.length) return;
    after = page[page.length - 1]!.id;
    yield page;
    if (page.length < PAGE) return;
  }
}

/** Every enterprise within the actor's jurisdiction, for matching the market-entity register. */
export async function enterpriseMatchIndex(database: Database, actor: Actor): Promise<EnterpriseMatchRow[]> {
  requirePermission(actor, 'registry.read');
  const where = scopeFilter(actor.division).replace('residence_division', 'division');
  const text = await database.copyOut(
    `SELECT id, county, name, uscc, township FROM enterprises WHERE ${where} ORDER BY id`,
  );
  const out: EnterpriseMatchRow[] = [];
  for (const f of copyTextRows(text))
    out.push({ id: Number(f[0]), county: f[1]!, name: f[2]!, uscc: f[3]!, township: f[4]! });
  return out;
}

/**
 * The ID numbers of persons a matcher has linked (for an export that must carry them in full, such as
 * `jiuye exchange matches --csv`); the caller audits the export. Those outside the jurisdiction are left out.
 */
export async function idNumbersOf(
  ctx: { db: AnyDb; cipher: PersonalDataCipher },
  actor: Actor,
  ids: readonly number[],
): Promise<Map<number, string>> {
  requirePermission(actor, 'registry.reveal');
  const out = new Map<number, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    for (const row of await personRepository.findByIds(ctx.db, unique.slice(i, i + 1000))) {
      if (!covers(actor, row.residence_division)) continue;
      out.set(Number(row.id), ctx.cipher.decrypt(row.id_number_enc));
    }
  }
  return out;
}

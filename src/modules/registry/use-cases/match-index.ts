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

/**
 * A page of persons for a matcher, column by column (typed arrays a worker thread can take over without
 * copying): person i is `ids[i]`, named `names[i]`, born `birthDays[i]` days after 1900-01-01, male when
 * `male[i]` is 1, living in `townships[townshipOf[i]]` of `counties[countyOf[i]]`; `hashHi[i]`/`hashLo[i]`
 * are the first 64 bits (big-endian) of the keyed hash of their ID number.
 */
export interface PersonMatchPage {
  size: number;
  ids: Float64Array;
  names: string[];
  hashHi: Uint32Array;
  hashLo: Uint32Array;
  birthDays: Int32Array;
  male: Uint8Array;
  counties: string[];
  countyOf: Uint8Array;
  townships: string[];
  townshipOf: Uint16Array;
}

/** Person i of a page as a row (its hash given by its first 16 hex digits). */
export function personMatchRow(page: PersonMatchPage, i: number): PersonMatchRow {
  return {
    id: page.ids[i]!,
    county: page.counties[page.countyOf[i]!]!,
    name: page.names[i]!,
    idHashHex: page.hashHi[i]!.toString(16).padStart(8, '0') + page.hashLo[i]!.toString(16).padStart(8, '0'),
    birthDate: new Date(Date.UTC(1900, 0, 1 + page.birthDays[i]!)).toISOString().slice(0, 10),
    sex: page.male[i] ? 'male' : 'female',
    township: page.townships[page.townshipOf[i]!]!,
  };
}

const PAGE = 200_000;

function scopeFilter(division: string): string {
  if (!/^[0-9]{0,12}$/.test(division)) throw new Error('bad division');
  if (!division) return 'TRUE';
  const county = division.length >= 6 ? ` AND county = '${division.slice(0, 6)}'` : '';
  return `residence_division LIKE '${division}%'${county}`;
}

const ESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', v: '\v' };

/** Parse COPY text of (id, county, name, first 8 bytes of the hash, birth day number, is male, township). */
function parsePage(text: string): PersonMatchPage {
  let n = 0;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) n++;
  const page: PersonMatchPage = {
    size: n,
    ids: new Float64Array(n),
    names: new Array<string>(n),
    hashHi: new Uint32Array(n),
    hashLo: new Uint32Array(n),
    birthDays: new Int32Array(n),
    male: new Uint8Array(n),
    counties: [],
    countyOf: new Uint8Array(n),
    townships: [],
    townshipOf: new Uint16Array(n),
  };
  const counties = new Map<string, number>();
  const townships = new Map<string, number>();
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = text.indexOf('\n', start);
    const t1 = text.indexOf('\t', start);
    const t2 = t1 + 7; // county is char(6)
    const t3 = text.indexOf('\t', t2 + 1);
    // The hash: "\\x" (COPY's text format escapes the backslash) and 16 hex digits.
    const t4 = t3 + 20;
    const t5 = text.indexOf('\t', t4 + 1);
    const t6 = t5 + 2;
    if (text[t2] !== '\t' || text[t4] !== '\t' || text[t6] !== '\t' || text.charCodeAt(t3 + 1) !== 92)
      throw new Error('unexpected person match row');
    page.ids[i] = Number(text.slice(start, t1));
    const county = text.slice(t1 + 1, t2);
    let c = counties.get(county);
    if (c === undefined) counties.set(county, (c = counties.size));
    page.countyOf[i] = c;
    const name = text.slice(t2 + 1, t3);
    page.names[i] = name.includes('\\') ? name.replace(/\\(.)/g, (_m, x: string) => ESCAPES[x] ?? x) : name;
    page.hashHi[i] = parseInt(text.slice(t3 + 4, t3 + 12), 16);
    page.hashLo[i] = parseInt(text.slice(t3 + 12, t3 + 20), 16);
    page.birthDays[i] = Number(text.slice(t4 + 1, t5));
    page.male[i] = text.charCodeAt(t5 + 1) === 116 ? 1 : 0; // 't'
    const township = text.slice(t6 + 1, end);
    let w = townships.get(township);
    if (w === undefined) townships.set(township, (w = townships.size));
    page.townshipOf[i] = w;
    start = end + 1;
  }
  if (counties.size > 256 || townships.size > 65536) throw new Error('too many divisions in one page');
  page.counties = [...counties.keys()];
  page.townships = [...townships.keys()];
  return page;
}

/**
 * Every person within the actor's jurisdiction, streamed in pages of 200,000 by id (COPY … TO, the
 * fastest read either database has, of narrow columns: the first 8 bytes of the hash, the birth date as
 * a day number): what a matcher keeps in memory to match a department list in process. No plain ID
 * number leaves the registry here.
 */
export async function* personMatchIndex(database: Database, actor: Actor): AsyncGenerator<PersonMatchPage> {
  requirePermission(actor, 'registry.read');
  const where = scopeFilter(actor.division);
  let after = 0;
  for (;;) {
    const page = parsePage(
      await database.copyOut(
        `SELECT id, county, name, substr(id_number_hash, 1, 8), birth_date - date '1900-01-01', sex = 'male',
                township FROM persons
          WHERE ${where} AND id > ${after} ORDER BY id LIMIT ${PAGE}`,
      ),
    );
    if (!page.size) return;
    after = page.ids[page.size - 1]!;
    yield page;
    if (page.size < PAGE) return;
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

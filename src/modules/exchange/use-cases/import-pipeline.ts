/**
 * The CPU side of importing a department list (docs/decisions/0020): read the file, prepare each row
 * (name key, ID cell, keyed hash, dates, township), hold the registry's match index, decide every row and
 * render the COPY text of `exchange_row_blocks` (every row, docs/decisions/0024) in chunks.
 * No database here: `importList` runs it in a worker thread for a large list (PGlite runs on the main
 * thread, so reading the registry and writing overlap with this), or in line for a small one.
 */
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import { normalizeIdNumber } from '../../../shared/identity/index.js';
import { EnterpriseIndex, readUsccCell } from '../domain/enterprise-matcher.js';
import { cleanNameFast, nameKeyFast } from '../domain/fast-names.js';
import { readIdCell } from '../domain/id-cell.js';
import { LIST_KINDS, mapColumns, readDate, readSex, type ListKind } from '../domain/list-kinds.js';
import { cleanName, enterpriseNameKey } from '../domain/names.js';
import {
  PersonIndex,
  type MatchDecision,
  type ListPersonRow,
  type PackedPersons,
  type PairDecisions,
} from '../domain/person-matcher.js';
import { townshipResolver } from '../domain/townships.js';
import { idHasher, type IdHasher } from '../infra/id-hasher.js';
import { readList } from '../infra/read-list.js';
import { BLOCK_COLUMNS, BlockWriter } from '../infra/row-blocks.js';

export { BLOCK_COLUMNS };

export interface PipelineInput {
  kind: ListKind;
  content: Uint8Array;
  asOf: string;
  /** The loader's county: the import's key. */
  county: string;
  /** Earlier reviewers' decisions for this subject type: [subject key (hex), confirmed id or null, dismissed ids]. */
  pairs: [string, number | null, number[]][];
  /** When `content` is a part of the list (infra/split-list.ts): the data records before it in the whole list … */
  recordsBefore?: number;
  /** … and the number of its first block (after every block the parts before it can fill). */
  firstBlock?: number;
}

/** What the header told: the file's format, its data rows, and the required columns it lacks. */
export interface ListHead {
  format: 'xlsx' | 'csv';
  rows: number;
  missing: string[];
}

/** One chunk of COPY text (of exchange_row_blocks), in file order, and the statuses it holds. */
export interface RenderedChunk {
  blocksText: string;
  counts: { matched: number; candidate: number; unmatched: number; invalid: number };
}

/** A person row as the matcher takes it, with its number and cells. */
interface PreparedPerson extends ListPersonRow {
  rowNumber: number;
  cells: string[];
  /** Where its ID hash is in the pipeline's hash slab (valid numbers only). */
  hashAt: number;
}

function memo<T>(fn: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      v = fn(s);
      if (cache.size < 200_000) cache.set(s, v);
    }
    return v as T;
  };
}

export class ImportPipeline {
  readonly #cipher: PersonalDataCipher;
  readonly #input: PipelineInput;
  readonly #meta: (typeof LIST_KINDS)[ListKind];
  readonly #pairs = new Map<string, PairDecisions>();
  #columns: ReturnType<typeof mapColumns>['columns'] = {};
  #table: { rowNumber: number; cells: string[] }[] = [];
  #prepared: PreparedPerson[] = [];
  #slab = Buffer.alloc(0);
  readonly #persons = new PersonIndex();
  readonly #enterprises = new EnterpriseIndex();

  readonly #hash: IdHasher;

  /** `masterKey` (the cipher's, in this process) lets the keyed hashes be computed faster (infra/id-hasher.ts). */
  constructor(cipher: PersonalDataCipher, input: PipelineInput, masterKey: Buffer | null = null) {
    this.#cipher = cipher;
    this.#hash = idHasher(cipher, masterKey);
    this.#input = input;
    this.#meta = LIST_KINDS[input.kind];
    for (const [k, confirmed, dismissed] of input.pairs)
      this.#pairs.set(k, { confirmed, dismissed: new Set(dismissed) });
  }

  get subject(): 'person' | 'enterprise' {
    return this.#meta.subject;
  }

  /** Read the file and its header (throws the reader's AppError for an unreadable file). */
  async read(): Promise<ListHead> {
    const table = await readList(
      Buffer.from(this.#input.content.buffer, this.#input.content.byteOffset, this.#input.content.byteLength),
    );
    const { columns, missing } = mapColumns(table.header, this.#meta.subject);
    this.#columns = columns;
    this.#table = table.rows;
    const before = this.#input.recordsBefore ?? 0;
    if (before) for (const r of this.#table) r.rowNumber += before;
    return { format: table.format, rows: table.rows.length, missing };
  }

  #prepareState: {
    done: number;
    ms: number;
    resolveTownship: (s: string) => string | null;
    date: (s: string) => string | null;
    sexOf: (s: string) => 'male' | 'female' | null;
  } | null = null;

  /** Whether every row of a person list is prepared (always, for an enterprise list). */
  get prepared(): boolean {
    return this.#meta.subject !== 'person' || (this.#prepareState?.done ?? 0) >= this.#table.length;
  }

  /**
   * Prepare the next `count` rows of a person list (the part that does not need the registry): done in
   * slices, so that the worker can take the registry's pages in between, and can start deciding before
   * the last rows are prepared.
   */
  prepareSome(count: number): void {
    if (this.#meta.subject !== 'person') return;
    const t0 = performance.now();
    const { asOf, county } = this.#input;
    const c = this.#columns;
    const n = this.#table.length;
    if (!this.#prepareState) {
      this.#prepareState = {
        done: 0,
        ms: 0,
        resolveTownship: memo(townshipResolver(county, asOf)),
        date: memo((s) => readDate(s, asOf)),
        sexOf: memo(readSex),
      };
      this.#prepared = new Array(n);
      // Every row's ID hash in one buffer (a million small buffers cost more to collect than to make).
      this.#slab = Buffer.allocUnsafe(n * 32);
    }
    const st = this.#prepareState;
    const { resolveTownship, date, sexOf } = st;
    const out = this.#prepared;
    const slab = this.#slab;
    const end = Math.min(n, st.done + count);
    for (let k = st.done; k < end; k++) {
      const r = this.#table[k]!;
      const cells = r.cells;
      const name = cleanNameFast(c.name === undefined ? '' : (cells[c.name] ?? ''));
      const rawId = c.idNumber === undefined ? '' : (cells[c.idNumber] ?? '');
      const id = readIdCell(rawId, asOf);
      const birthText = c.birthDate === undefined ? '' : (cells[c.birthDate] ?? '');
      const sexText = c.sex === undefined ? '' : (cells[c.sex] ?? '');
      const townshipText = c.township === undefined ? '' : (cells[c.township] ?? '');
      const h = id.kind === 'valid' ? this.#hash(id.normalized) : null;
      if (h) h.copy(slab, k * 32);
      out[k] = {
        hashAt: k * 32,
        rowNumber: r.rowNumber,
        cells,
        nameKey: nameKeyFast(name),
        id,
        idHashHex: null,
        idHashHi: h ? h.readUInt32BE(0) : 0,
        idHashLo: h ? h.readUInt32BE(4) : 0,
        birthDate: birthText ? date(birthText) : null,
        sex: sexText ? sexOf(sexText) : null,
        township: townshipText ? resolveTownship(townshipText) : null,
      };
    }
    st.done = end;
    st.ms += performance.now() - t0;
    if (end === n && count > 0)
      trace(`pipeline: ${n} rows prepared (${Math.round(st.ms)} ms busy)`, performance.now());
  }

  /** Prepare every row. */
  prepare(): void {
    this.prepareSome(this.#table.length);
  }

  /** The registry's persons, packed (by the thread that read them: see packPersons). */
  setPersons(packed: PackedPersons): void {
    this.#persons.load(packed);
  }

  addEnterprises(rows: readonly { id: number; county: string; name: string; uscc: string }[]): void {
    for (const e of rows) this.#enterprises.add(e);
  }

  #cell(cells: string[], c: number | undefined): string {
    return c === undefined ? '' : (cells[c] ?? '');
  }

  /** A person row's subject key: its ID hash, else a keyed hash of its name key, birth date, township and damaged number. */
  #subjectKey(p: PreparedPerson): Buffer {
    if (p.id.kind === 'valid') return this.#slab.subarray(p.hashAt, p.hashAt + 32);
    const hint = p.id.kind === 'invalid' ? p.id.birthDateHint : null;
    const rawId = this.#cell(p.cells, this.#columns.idNumber);
    return this.#hash(
      `exchange-row\0${p.nameKey}\0${p.birthDate ?? hint ?? ''}\0${p.township ?? ''}\0${normalizeIdNumber(rawId)}`,
    );
  }

  /** Decide every row, in file order, rendered in chunks of `batch` rows. */
  *decide(importId: number, batch: number): Generator<RenderedChunk> {
    const { county } = this.#input;
    const cipher = this.#cipher;
    const c = this.#columns;
    const keep = (
      this.#meta.subject === 'person'
        ? [c.name, c.idNumber, c.sex, c.birthDate, c.township]
        : [c.enterpriseName, c.uscc]
    ) as (number | undefined)[];
    const blocks = new BlockWriter(county, importId, cipher, keep.length, this.#input.firstBlock ?? 0);
    let chunk: RenderedChunk = newChunk();
    let inBatch = 0;
    const emit = (
      rowNumber: number,
      cells: string[],
      d: MatchDecision,
      idValid: boolean,
      township: string | null,
      subjectKey: () => Buffer,
    ) => {
      chunk.counts[d.status]++;
      blocks.add(
        {
          rowNumber,
          status: d.status,
          idValid,
          score: d.score,
          reasons: d.reasons,
          subjectId: d.personId,
          subjectCounty: d.county,
          candidates: d.candidates,
          township,
          subjectKey: d.status === 'candidate' ? subjectKey() : null,
        },
        keep.map((k) => (k === undefined ? '' : (cells[k] ?? ''))),
      );
    };
    const rowsDone = () => {
      if (++inBatch < batch) return null;
      chunk.blocksText = blocks.take();
      const out = chunk;
      chunk = newChunk();
      inBatch = 0;
      return out;
    };

    if (this.#meta.subject === 'person') {
      const index = this.#persons;
      let t0 = performance.now();
      let busy = 0;
      const pairs = this.#pairs;
      const n = this.#table.length;
      for (let k = 0; k < n; k++) {
        if (k >= (this.#prepareState?.done ?? 0)) this.prepareSome(batch);
        const p = this.#prepared[k]!;
        let subjectKey: Buffer | null = null;
        let pair: PairDecisions | undefined;
        if (pairs.size) {
          subjectKey = this.#subjectKey(p);
          pair = pairs.get(subjectKey.toString('hex'));
        }
        const d = index.decide(p, pair);
        emit(
          p.rowNumber,
          p.cells,
          d,
          p.id.kind === 'valid',
          p.township,
          () => subjectKey ?? this.#subjectKey(p),
        );
        const out = rowsDone();
        if (out) {
          busy += performance.now() - t0;
          yield out;
          t0 = performance.now();
        }
      }
      trace(`pipeline: rows decided and rendered (${Math.round(busy)} ms busy)`, performance.now());
    } else {
      const index = this.#enterprises;
      for (const r of this.#table) {
        const name = cleanName(c.enterpriseName === undefined ? '' : (r.cells[c.enterpriseName] ?? ''));
        const nk = enterpriseNameKey(name);
        const rawId = c.uscc === undefined ? '' : (r.cells[c.uscc] ?? '');
        const uscc = readUsccCell(rawId);
        const subjectKey = this.#hash(
          uscc.kind === 'valid'
            ? `exchange-uscc\0${uscc.normalized}`
            : `exchange-enterprise\0${nk}\0${rawId}`,
        );
        const d = index.decide({ nameKey: nk, uscc }, this.#pairs.get(subjectKey.toString('hex')));
        emit(r.rowNumber, r.cells, d, uscc.kind === 'valid', null, () => subjectKey);
        const out = rowsDone();
        if (out) yield out;
      }
    }
    blocks.flush();
    chunk.blocksText = blocks.take();
    yield chunk;
  }
}

/** JIUYE_TRACE_IMPORT=1: the pipeline's phases on stderr. */
function trace(what: string, since: number): void {
  if (process.env.JIUYE_TRACE_IMPORT)
    process.stderr.write(`${what}: ${Math.round(performance.now() - since)} ms\n`);
}

function newChunk(): RenderedChunk {
  return {
    blocksText: '',
    counts: { matched: 0, candidate: 0, unmatched: 0, invalid: 0 },
  };
}

import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import type { Database } from '../../../platform/db/database.js';
import { recordAudit, requirePermission, type Actor } from '../../access/index.js';
import { analyzeRegistry } from '../infra/statistics.js';
import { SEED_TABLES, type SeedChunk, type SeedWorkerInput } from './seed-protocol.js';

export interface SeedOptions {
  persons: number;
  enterprises: number;
  seed: number;
  /** The date the population's ages and facts refer to; facts are valid from it. */
  today: string;
}

export interface SeedResult {
  persons: number;
  households: number;
  enterprises: number;
  facts: number;
  firstPersonId: number | null;
  firstEnterpriseId: number | null;
}

const CHUNK = 20_000;
const IN_FLIGHT = 1;

/** Reserve `n` consecutive ids of a table's identity column; returns the first. */
async function reserveIds(database: Database, table: string, n: number): Promise<number> {
  if (n === 0) return 0;
  const r = await sql<{ last: number }>`
    SELECT setval(pg_get_serial_sequence(${table}, 'id'),
                  nextval(pg_get_serial_sequence(${table}, 'id')) + ${n - 1}) AS last`.execute(database.db);
  return r.rows[0]!.last - n + 1;
}

/** The worker's chunks as an async stream, with back-pressure: at most IN_FLIGHT chunks ahead. */
async function* seedChunks(input: SeedWorkerInput): AsyncGenerator<SeedChunk> {
  const worker = new Worker(new URL('./seed-worker.ts', import.meta.url), {
    execArgv: ['--import', 'tsx'],
    workerData: input,
  });
  const queue: SeedChunk[] = [];
  let failure: unknown;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (m: SeedChunk) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (e) => {
    failure = e;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  try {
    for (;;) {
      while (!queue.length && failure === undefined && !exited) await new Promise<void>((r) => (wake = r));
      if (failure !== undefined) throw failure;
      const chunk = queue.shift();
      if (!chunk) throw new Error('seed worker stopped before it was done');
      if (chunk.done) return;
      yield chunk;
      worker.postMessage('ack');
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * Fill the registry with a synthetic Lingyuan population: generated, encrypted and rendered in a
 * worker thread, loaded with COPY, all in one transaction with its audit record — an interrupted seed
 * leaves the registry as it was. Ids are reserved up front, so the rows of persons, households,
 * memberships and facts reference each other without round trips.
 */
export async function seedRegistry(
  database: Database,
  cipher: PersonalDataCipher,
  actor: Actor,
  opts: SeedOptions,
  onProgress?: (done: { persons: number; enterprises: number }) => void,
): Promise<SeedResult> {
  requirePermission(actor, 'registry.write');
  // Households are never more than persons, so reserving one per person is enough.
  const firstPersonId = await reserveIds(database, 'persons', opts.persons);
  const firstHouseholdId = await reserveIds(database, 'households', opts.persons);
  const firstEnterpriseId = await reserveIds(database, 'enterprises', opts.enterprises);
  const result: SeedResult = {
    persons: 0,
    households: 0,
    enterprises: 0,
    facts: 0,
    firstPersonId: opts.persons ? firstPersonId : null,
    firstEnterpriseId: opts.enterprises ? firstEnterpriseId : null,
  };
  const loaded = await database.bulkLoad(async (copy, trx) => {
    const chunks = seedChunks({
      ...opts,
      masterKey: cipher.masterKeyForWorker(),
      firstPersonId,
      firstHouseholdId,
      firstEnterpriseId,
      chunk: CHUNK,
      inFlight: IN_FLIGHT,
    });
    for await (const chunk of chunks) {
      for (const t of chunk.tables) await copy(t.table, SEED_TABLES[t.table], t.csv);
      result.persons += chunk.persons;
      result.households += chunk.households;
      result.enterprises += chunk.enterprises;
      result.facts += chunk.facts;
      onProgress?.({ persons: result.persons, enterprises: result.enterprises });
    }
    await recordAudit(trx, actor, {
      action: 'registry.seed',
      details: { ...opts, households: result.households, facts: result.facts },
    });
    return result;
  });
  await analyzeRegistry(database.db);
  return loaded;
}

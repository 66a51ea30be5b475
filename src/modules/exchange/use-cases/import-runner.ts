/**
 * ImportPipeline run in line or in a worker thread, behind one interface: `importList` reads the header,
 * hands over the registry's index, then takes the rendered chunks in file order.
 */
import { Worker } from 'node:worker_threads';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/errors/index.js';
import type { PackedPersons } from '../domain/person-matcher.js';
import { BLOCK_ROWS } from '../infra/row-blocks.js';
import type { ListPart } from '../infra/split-list.js';
import { ImportPipeline, type ListHead, type PipelineInput, type RenderedChunk } from './import-pipeline.js';

type Enterprise = { id: number; county: string; name: string; uscc: string };

export type ToWorker =
  | { t: 'persons'; packed: PackedPersons; nameKeys: string }
  | { t: 'enterprises'; rows: Enterprise[] }
  | { t: 'decide'; importId: number; batch: number }
  | { t: 'ack' }
  | { t: 'stop' };

type FromWorker =
  | { t: 'head'; head: ListHead }
  | { t: 'chunk'; chunk: RenderedChunk }
  | { t: 'end' }
  | { t: 'error'; app?: { code: string; path?: string; zh: string; en: string }; message?: string };

export interface ImportRunner {
  head(): Promise<ListHead>;
  setPersons(packed: PackedPersons): void;
  addEnterprises(rows: Enterprise[]): void;
  decide(importId: number, batch: number): AsyncGenerator<RenderedChunk>;
  close(): Promise<void>;
}

export function inlineRunner(cipher: PersonalDataCipher, input: PipelineInput): ImportRunner {
  const p = new ImportPipeline(cipher, input, cipher.masterKeyForWorker());
  let head: Promise<ListHead> | null = null;
  return {
    head: () =>
      (head ??= p.read().then((h) => {
        if (!h.missing.length) p.prepare();
        return h;
      })),
    setPersons: (packed) => p.setPersons(packed),
    addEnterprises: (rows) => p.addEnterprises(rows),
    async *decide(importId, batch) {
      yield* p.decide(importId, batch);
    },
    close: async () => undefined,
  };
}

/** The typed arrays of the packed registry: moved to a worker, or copied for each worker but the last. */
const PACKED_ARRAYS = [
  'ids',
  'name0',
  'name1',
  'hashHi',
  'hashLo',
  'birthDays',
  'male',
  'countyOf',
  'townshipOf',
  'slots',
  'dayStart',
  'byDay',
] as const satisfies readonly (keyof PackedPersons)[];

/** The registry's name keys as one string (joined once when several workers take them). */
const joined = new WeakMap<readonly string[], string>();
function joinedNameKeys(keys: readonly string[]): string {
  let s = joined.get(keys);
  if (s === undefined) joined.set(keys, (s = keys.join('\0')));
  return s;
}

/** Chunks the worker may render ahead of the COPYs. */
const IN_FLIGHT = 3;

export function workerRunner(cipher: PersonalDataCipher, input: PipelineInput): ImportRunner {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
    // A profile of the worker too when the process is profiled (node --cpu-prof).
    execArgv: [...process.execArgv.filter((a) => a.startsWith('--cpu-prof')), '--import', 'tsx'],
    workerData: { masterKey: cipher.masterKeyForWorker(), input, inFlight: IN_FLIGHT },
    // A larger young generation: a million prepared rows otherwise get copied from space to space.
    resourceLimits: { maxYoungGenerationSizeMb: 256 },
  });
  const queue: FromWorker[] = [];
  let failure: unknown;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (m: FromWorker) => {
    if (m.t === 'error')
      failure = m.app
        ? new AppError(m.app.code as never, { path: m.app.path, zh: m.app.zh, en: m.app.en })
        : new Error(`import worker: ${m.message}`);
    else queue.push(m);
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
  const take = async (): Promise<FromWorker> => {
    for (;;) {
      if (queue.length) return queue.shift()!;
      if (failure !== undefined) throw failure;
      if (exited) throw new Error('import worker stopped before it was done');
      await new Promise<void>((r) => (wake = r));
    }
  };
  let head: Promise<ListHead> | null = null;
  const send = (m: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  return {
    head: () =>
      (head ??= take().then((m) => {
        if (m.t !== 'head') throw new Error('import worker: header expected');
        return m.head;
      })),
    setPersons(packed) {
      // The name keys as one string (copied at once; a name key never holds NUL), the columns moved, not copied.
      send(
        { t: 'persons', packed: { ...packed, nameKeys: [] }, nameKeys: joinedNameKeys(packed.nameKeys) },
        PACKED_ARRAYS.map((k) => packed[k].buffer as ArrayBuffer),
      );
    },
    addEnterprises: (rows) => send({ t: 'enterprises', rows }),
    async *decide(importId, batch) {
      send({ t: 'decide', importId, batch });
      for (;;) {
        const m = await take();
        if (m.t === 'end') return;
        if (m.t !== 'chunk') throw new Error('import worker: chunk expected');
        yield m.chunk;
        send({ t: 'ack' });
      }
    },
    async close() {
      await worker.terminate();
    },
  };
}

/**
 * A CSV list cut in parts (infra/split-list.ts), each read, prepared and decided by its own worker: the
 * rows keep their numbers in the whole list, each part's blocks are numbered after every block the parts
 * before it can fill, and the chunks are taken as any worker renders them (blocks go in any order).
 */
export function splitRunner(
  cipher: PersonalDataCipher,
  input: PipelineInput,
  parts: readonly ListPart[],
): ImportRunner {
  // Part k's blocks come after every block the parts before it can fill (its records, in blocks of BLOCK_ROWS).
  let firstBlock = 0;
  const runners = parts.map((part, k) => {
    const runner = workerRunner(cipher, {
      ...input,
      content: part.content,
      recordsBefore: part.recordsBefore,
      firstBlock,
    });
    const next = parts[k + 1];
    if (next) firstBlock += Math.ceil((next.recordsBefore - part.recordsBefore) / BLOCK_ROWS);
    return runner;
  });
  return {
    async head() {
      const heads = await Promise.all(runners.map((r) => r.head()));
      return { ...heads[0]!, rows: heads.reduce((n, h) => n + h.rows, 0) };
    },
    setPersons(packed) {
      // Each worker takes its own copy; the last takes these arrays themselves (moved, not copied).
      runners.forEach((r, i) => r.setPersons(i === runners.length - 1 ? packed : copyPacked(packed)));
    },
    addEnterprises: (rows) => runners.forEach((r) => r.addEnterprises(rows)),
    async *decide(importId, batch) {
      const queue: RenderedChunk[] = [];
      let running = runners.length;
      let failure: unknown;
      let wake: (() => void) | undefined;
      for (const r of runners)
        void (async () => {
          try {
            for await (const chunk of r.decide(importId, batch)) {
              queue.push(chunk);
              wake?.();
            }
          } catch (e) {
            failure ??= e;
          } finally {
            running--;
            wake?.();
          }
        })();
      for (;;) {
        if (failure !== undefined) throw failure;
        if (queue.length) yield queue.shift()!;
        else if (!running) return;
        else await new Promise<void>((r) => (wake = r));
      }
    },
    async close() {
      await Promise.all(runners.map((r) => r.close()));
    },
  };
}

function copyPacked(p: PackedPersons): PackedPersons {
  const copy = { ...p };
  for (const k of PACKED_ARRAYS) (copy[k] as PackedPersons[typeof k]) = p[k].slice();
  return copy;
}

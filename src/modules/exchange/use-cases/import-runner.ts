/**
 * ImportPipeline run in line or in a worker thread, behind one interface: `importList` reads the header,
 * hands over the registry's index, then takes the rendered chunks in file order.
 */
import { Worker } from 'node:worker_threads';
import type { PersonalDataCipher } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/errors/index.js';
import type { PackedPersons } from '../domain/person-matcher.js';
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
      const arrays = [
        packed.ids,
        packed.name0,
        packed.name1,
        packed.hashHi,
        packed.hashLo,
        packed.birthDays,
        packed.male,
        packed.countyOf,
        packed.townshipOf,
        packed.slots,
        packed.dayStart,
        packed.byDay,
      ];
      // The name keys as one string (copied at once; a name key never holds NUL), the columns moved, not copied.
      send(
        { t: 'persons', packed: { ...packed, nameKeys: [] }, nameKeys: packed.nameKeys.join('\0') },
        arrays.map((a) => a.buffer as ArrayBuffer),
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

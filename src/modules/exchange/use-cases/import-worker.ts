/**
 * The worker thread of a large department-list import: runs ImportPipeline (read, prepare, hold the
 * registry's index, decide, render) while the main thread reads the registry and runs the COPYs.
 * Messages: see import-runner.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PersonalDataCipher } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/errors/index.js';
import { ImportPipeline, type PipelineInput } from './import-pipeline.js';
import type { ToWorker } from './import-runner.js';

const port = parentPort!;
/** Rows prepared between looks at the message queue. */
const SLICE = 20_000;
const data = workerData as { masterKey: Uint8Array; input: PipelineInput; inFlight: number };
const masterKey = Buffer.from(data.masterKey);
const pipeline = new ImportPipeline(new PersonalDataCipher(masterKey), data.input, masterKey);
let credits = data.inFlight;
let wake: (() => void) | undefined;
const inbox: ToWorker[] = [];
let waitMessage: (() => void) | undefined;

port.on('message', (m: ToWorker) => {
  if (m.t === 'ack') {
    credits++;
    wake?.();
    return;
  }
  inbox.push(m);
  waitMessage?.();
});

async function next(): Promise<ToWorker> {
  while (!inbox.length) await new Promise<void>((r) => (waitMessage = r));
  return inbox.shift()!;
}

function fail(e: unknown): void {
  if (e instanceof AppError)
    port.postMessage({ t: 'error', app: { code: e.code, path: e.path, zh: e.messageZh, en: e.messageEn } });
  else port.postMessage({ t: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}

try {
  const head = await pipeline.read();
  port.postMessage({ t: 'head', head });
  for (;;) {
    // Prepare rows in slices while no message waits (the registry's pages arrive meanwhile).
    while (!inbox.length && !head.missing.length && !pipeline.prepared) {
      pipeline.prepareSome(SLICE);
      await new Promise<void>((r) => setImmediate(r));
    }
    const m = await next();
    if (m.t === 'persons')
      pipeline.setPersons({ ...m.packed, nameKeys: m.packed.size ? m.nameKeys.split('\0') : [] });
    else if (m.t === 'enterprises') pipeline.addEnterprises(m.rows);
    else if (m.t === 'decide') {
      for (const chunk of pipeline.decide(m.importId, m.batch)) {
        while (credits === 0) await new Promise<void>((r) => (wake = r));
        credits--;
        port.postMessage({ t: 'chunk', chunk });
      }
      port.postMessage({ t: 'end' });
    } else if (m.t === 'stop') break;
  }
} catch (e) {
  fail(e);
}
port.close();

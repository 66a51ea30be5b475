/**
 * The CPU side of `jiuye seed`, in a worker thread: generate households and enterprises, encrypt and
 * hash their personal data, render COPY-ready CSV per table. The main thread only runs the COPYs, so
 * the two overlap (PGlite runs in the main thread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PersonalDataCipher } from '../../../platform/crypto/index.js';
import { csvLine } from '../../../platform/db/database.js';
import { generateEnterprises, generateHouseholds } from './synthetic-population.js';
import type { SeedChunk, SeedWorkerInput } from './seed-protocol.js';

const input = workerData as SeedWorkerInput;
const cipher = new PersonalDataCipher(Buffer.from(input.masterKey));
const port = parentPort!;
const SOURCE_REF = 'synthetic seed (jiuye seed)';
let credits = input.inFlight;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits += 1;
  wake?.();
});

async function send(chunk: SeedChunk): Promise<void> {
  while (credits === 0) await new Promise<void>((r) => (wake = r));
  credits -= 1;
  port.postMessage(chunk);
}

function facts(out: string[], county: string, type: string, id: number, values: object): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) {
      out.push(csvLine([county, type, id, name, JSON.stringify(value), input.today, 'system', SOURCE_REF]));
    }
  }
}

const gen = { seed: input.seed, today: input.today };
let nextPerson = input.firstPersonId;
let nextHousehold = input.firstHouseholdId;
let nextEnterprise = input.firstEnterpriseId;

let persons: string[] = [];
let households: string[] = [];
let members: string[] = [];
let factLines: string[] = [];
const flushPersons = async () => {
  const n = persons.length;
  const chunk: SeedChunk = {
    tables: [
      { table: 'persons', csv: persons.join('') },
      { table: 'households', csv: households.join('') },
      { table: 'household_members', csv: members.join('') },
      { table: 'facts', csv: factLines.join('') },
    ],
    persons: n,
    households: households.length,
    enterprises: 0,
    facts: factLines.length,
  };
  persons = [];
  households = [];
  members = [];
  factLines = [];
  await send(chunk);
};

for (const h of generateHouseholds(input.persons, gen)) {
  const hid = nextHousehold++;
  const county = h.residenceDivision.slice(0, 6);
  households.push(csvLine([county, hid, h.residenceDivision, h.residenceDivision.slice(0, 9)]));
  facts(factLines, county, 'household', hid, h.facts);
  for (const p of h.members) {
    const pid = nextPerson++;
    persons.push(
      csvLine([
        county,
        pid,
        p.name,
        'mainland',
        cipher.hash('idNumber', p.idNumber),
        cipher.encrypt(p.idNumber),
        p.birthDate,
        p.sex,
        p.phone ? cipher.hash('phone', p.phone) : null,
        p.phone ? cipher.encrypt(p.phone) : null,
        p.residenceDivision,
        p.residenceDivision.slice(0, 9),
        p.hukouDivision,
      ]),
    );
    members.push(csvLine([county, hid, pid, p.relation, input.today]));
    facts(factLines, county, 'person', pid, p.facts);
  }
  if (persons.length >= input.chunk) await flushPersons();
}
if (persons.length) await flushPersons();

let enterprises: string[] = [];
const flushEnterprises = async () => {
  const n = enterprises.length;
  const chunk: SeedChunk = {
    tables: [
      { table: 'enterprises', csv: enterprises.join('') },
      { table: 'facts', csv: factLines.join('') },
    ],
    persons: 0,
    households: 0,
    enterprises: n,
    facts: factLines.length,
  };
  enterprises = [];
  factLines = [];
  await send(chunk);
};
for (const e of generateEnterprises(input.enterprises, gen)) {
  const eid = nextEnterprise++;
  const county = e.division.slice(0, 6);
  enterprises.push(
    csvLine([
      county,
      eid,
      e.name,
      e.uscc,
      e.size,
      e.industry,
      e.division,
      e.division.slice(0, 9),
      e.legalRepresentative,
      e.contactName,
      cipher.hash('phone', e.contactPhone),
      cipher.encrypt(e.contactPhone),
    ]),
  );
  facts(factLines, county, 'enterprise', eid, e.facts);
  if (enterprises.length >= input.chunk) await flushEnterprises();
}
if (enterprises.length) await flushEnterprises();
await send({ tables: [], persons: 0, households: 0, enterprises: 0, facts: 0, done: true });

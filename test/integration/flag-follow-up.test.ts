import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access/index.js';
import { decideFlag, importList, listFlags, runCrossChecks } from '../../src/modules/exchange/index.js';
import { applyImportFacts } from '../../src/modules/exchange/use-cases/import-facts.js';
import { listFacts, registerPerson } from '../../src/modules/registry/index.js';
import { listPersonRegistrations, registerUnemployment } from '../../src/modules/services/index.js';
import { followUpFlag } from '../../src/processes/flag-follow-up.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, LINGYUAN, TOWNSHIP_B, type TestApp } from '../support/test-app.js';

let app: TestApp;
const city = actor('cityOfficer', LINGYUAN);
const civil = actor('civilAffairsLiaison', LINGYUAN);
const TODAY = '2026-11-30';
const NAME = '钱玉兰';
const ID = makeIdNumber('211382', '1980-02-02', 66, 'female');
let personId: number;

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => TODAY;
  personId = (
    await registerPerson(app, systemActor('cli'), {
      name: NAME,
      idNumber: ID,
      residenceDivision: '211382101200',
    })
  ).id;
});
afterAll(() => app.destroy());

describe('交叉比对疑点的后续处置', () => {
  it('ends the 失业登记 as of the insurance start when a flag of insured-while-unemployed is upheld, in one step, recorded', async () => {
    const reg = await registerUnemployment(app, city, {
      personId,
      date: '2026-09-01',
      declared: { ableToWork: true, employed: false },
    });
    const content = Buffer.from(`姓名,公民身份号码\r\n${NAME},${ID}\r\n`);
    const ins = await importList(app, civil, {
      kind: 'insured',
      fileName: 'insured.csv',
      content,
      asOf: '2026-10-15',
    });
    await applyImportFacts(app, civil, ins.import, { refresh: 'none' });
    await runCrossChecks(app, city);
    const flag = (await listFlags(app, city, { kind: 'insured-while-unemployed' })).items[0]!;
    expect(flag.subject.id).toBe(personId);
    // Only once it is upheld, and only within the jurisdiction.
    await expect(followUpFlag(app, city, flag.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await decideFlag(app, city, flag.id, { outcome: 'upheld', note: '已核实在职参保' });
    await expect(followUpFlag(app, actor('townshipOfficer', TOWNSHIP_B), flag.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const done = await followUpFlag(app, city, flag.id);
    expect(done).toMatchObject({
      endedRegistration: { id: reg.id, on: '2026-10-15' },
      closedApplications: [],
    });
    const regs = await listPersonRegistrations(app, city, personId);
    expect(regs[0]).toMatchObject({ id: reg.id, endedOn: '2026-10-15', endReason: 'employed' });
    const facts = await listFacts(app, city, { type: 'person', id: personId }, { asOf: '2026-10-15' });
    expect(facts.find((f) => f.name === 'registeredUnemployed')?.value).toBe(false);
    const audit = await sql<{ action: string }>`
      SELECT action FROM audit_log WHERE entity_type = 'exchangeFlag' AND entity_id = ${String(flag.id)}
       ORDER BY at, seq`.execute(app.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['exchange.flag.upheld', 'exchange.flag.followUp']);
    // Done once: a second click finds nothing left to end.
    await expect(followUpFlag(app, city, flag.id)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

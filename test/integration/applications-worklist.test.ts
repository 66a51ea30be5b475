import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApplication, worklist } from '../../src/modules/applications/index.js';
import { registerPerson } from '../../src/modules/registry/index.js';
import { makeIdNumber } from '../../src/shared/identity/index.js';
import { actor, createTestApp, TOWNSHIP_A, type TestApp } from '../support/test-app.js';

let app: TestApp;
const VILLAGE = '211382101200';
const clerk = actor('villageClerk', VILLAGE);
const town = actor('townshipOfficer', TOWNSHIP_A);

beforeAll(async () => {
  app = await createTestApp();
  app.today = () => '2019-06-03';
});
afterAll(() => app.destroy());

describe('worklist filtered by programme', () => {
  it('shows only the cases of the programme asked for, still nearest deadline first', async () => {
    const ids: number[] = [];
    for (const n of [1, 2]) {
      const p = await registerPerson(app, town, {
        name: '待办测试',
        idNumber: makeIdNumber('211382', `1991-02-0${n}`, 700 + n, 'male'),
        residenceDivision: VILLAGE,
      });
      const a = await createApplication(app, clerk, {
        programmeId: 'talent-housing-grant',
        applicant: { type: 'person', id: p.id },
        declared: { talent: { category: 'C', arrivedOn: '2019-03-01', firstHomeInLingyuan: true } },
        submit: true,
      });
      ids.push(a.id);
    }
    const all = await worklist(app, clerk, { limit: 50 });
    expect(all.map((w) => w.id)).toEqual(expect.arrayContaining(ids));
    const talent = await worklist(app, clerk, { limit: 50, programmeId: 'talent-housing-grant' });
    expect(talent.map((w) => w.id)).toEqual(ids);
    expect(await worklist(app, clerk, { limit: 50, programmeId: 'job-retention-refund' })).toEqual([]);
  });
});

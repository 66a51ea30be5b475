import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCase } from './domain/compile-pack.js';
import { loadBundledPack } from './infra/load-pack.js';
import { POLICY_DIR, readPackSources } from './infra/pack-files.js';

/** The pack's YAML cases, one test each (the pack also refuses to load if any fails). */
const dir = path.join(POLICY_DIR, 'lingyuan-2019');
const sources = readPackSources(dir);
const engine = loadBundledPack('lingyuan-2019');

describe('policy pack lingyuan-2019', () => {
  it('lists every programme of programmes.md, each with a file', () => {
    expect(engine.pack.programmes.map((p) => p.source.id).sort()).toEqual(
      [...sources.meta.programmes].sort(),
    );
    expect(sources.meta.programmes).toHaveLength(17);
  });

  for (const id of sources.meta.programmes) {
    describe(id, () => {
      const files = sources.cases.filter((c) => c.programme === id);
      const cases = files.flatMap((f) => f.cases);
      it('has at least 6 cases', () => expect(cases.length).toBeGreaterThanOrEqual(6));
      it('shows phone numbers as to be set, never invented', () => {
        const g = engine.pack.programmeById.get(id)!.source.guide;
        for (const phone of [g.phone, g.complaintLine])
          expect(phone === null || /^\d[\d-]{6,}$/.test(phone)).toBe(true);
      });
      for (const c of cases) {
        it(c.name, () => expect(runCase(engine, id, c)).toBeUndefined());
      }
    });
  }
});

describe('the contract examples (shared/contracts/examples)', () => {
  const examples = path.resolve(POLICY_DIR, '../../shared/contracts/examples');
  const present = fs.existsSync(examples);
  it.runIf(present)('give the expected answers', () => {
    const cases = fs.readFileSync(path.join(examples, 'cases.ndjson'), 'utf8').trim().split('\n');
    const expected = fs.readFileSync(path.join(examples, 'expected.ndjson'), 'utf8').trim().split('\n');
    cases.forEach((line, i) => {
      const want = JSON.parse(expected[i]!) as Record<string, unknown>;
      if ('error' in want) {
        expect(() => engine.evaluateCase(JSON.parse(line))).toThrow(
          expect.objectContaining({ path: (want.error as { path: string }).path }),
        );
        return;
      }
      const r = engine.evaluateCase(JSON.parse(line)).results[0]!;
      expect(r.programme).toBe(want.programme);
      expect(r.eligible).toBe(want.eligible);
      expect(r.amount).toBe(want.amount);
      if (want.missing) expect(r.missing).toEqual(want.missing);
    });
  });
});

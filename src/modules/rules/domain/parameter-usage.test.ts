import { describe, expect, it } from 'vitest';
import type { Parameter, ProgrammeSource } from './pack-schema.js';
import { parametersUsedBy, valuePeriods } from './parameter-usage.js';

const ref = { document: '凌政发〔2019〕14号', assumed: false };
const param = (id: string): Parameter => ({
  id,
  name: id,
  type: 'money',
  toBeSet: false,
  values: [{ from: '2019-01-01', value: 1, reference: ref }],
});

describe('parametersUsedBy', () => {
  const programme = {
    versions: [
      {
        conditions: [{ id: 'a', text: 'x', when: 'person.wage >= params.wage.minimumMonthly' }],
        components: [{ id: 'c', amount: 'params.training.rate_high * 2.0' }],
      },
    ],
    process: { chain: 'c', limits: [{ id: 'l', text: 't', scope: ['subject'], max: 'limits.perYear' }] },
  } as unknown as ProgrammeSource;

  it('finds the parameters read in expressions and named by limits, and no others', () => {
    const all = [
      param('wage.minimumMonthly'),
      param('wage.minimum'), // a prefix of a used one: not used
      param('training.rate.high'), // dots after the namespace become underscores
      param('limits.perYear'),
      param('other.unused'),
    ];
    expect(parametersUsedBy(programme, all)).toEqual([
      'wage.minimumMonthly',
      'training.rate.high',
      'limits.perYear',
    ]);
  });
});

describe('valuePeriods', () => {
  it('gives each value its period, ending where the next begins', () => {
    expect(
      valuePeriods([
        { from: '2021-11-01', value: 1580, reference: 'b' },
        { from: '2018-01-01', value: 1480, reference: 'a' },
      ]),
    ).toEqual([
      { from: '2018-01-01', to: '2021-11-01', value: 1480, reference: 'a' },
      { from: '2021-11-01', to: null, value: 1580, reference: 'b' },
    ]);
  });
});

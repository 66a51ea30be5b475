import { describe, expect, it } from 'vitest';
import { LIST_FACTS, planListFacts } from './list-facts.js';
import { LIST_KINDS } from './list-kinds.js';

describe('planListFacts', () => {
  it('opens for everyone on the list and closes for those who dropped off', () => {
    expect(planListFacts([1, 2, 3], [2, 3, 4, 5], [])).toEqual({ present: [1, 2, 3], absent: [4, 5] });
  });
  it('does not close for a person still waiting as a candidate on the new list', () => {
    expect(planListFacts([1], [1, 4, 5], [5])).toEqual({ present: [1], absent: [4] });
  });
  it('limits the change to the subjects a review touched', () => {
    expect(planListFacts([1, 2], [3, 4], [], [2, 4])).toEqual({ present: [2], absent: [4] });
  });
  it('counts a person once however many rows name them', () => {
    expect(planListFacts([7, 7, 8], [9, 9], [])).toEqual({ present: [7, 8], absent: [9] });
  });
  it('the first list closes nothing', () => {
    expect(planListFacts([1, 2], [], [])).toEqual({ present: [1, 2], absent: [] });
  });
});

describe('LIST_FACTS', () => {
  it('names a fact for every list kind', () => {
    expect(Object.keys(LIST_FACTS).sort()).toEqual(Object.keys(LIST_KINDS).sort());
  });
});

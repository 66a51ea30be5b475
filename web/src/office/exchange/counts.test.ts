import { describe, expect, it } from 'vitest';
import { countsAfter, shortSum } from './counts';

describe('countsAfter', () => {
  const base = { candidate: 3, unmatched: 1, invalid: 2, matched: 4 };
  it('moves confirmed rows to matched and fully dismissed ones to unmatched', () => {
    expect(
      countsAfter(base, [
        { rowNumber: 2, status: 'matched', subjectId: 7, openCandidates: 0 },
        { rowNumber: 3, status: 'unmatched', subjectId: null, openCandidates: 0 },
      ]),
    ).toEqual({ candidate: 1, unmatched: 2, invalid: 2, matched: 5 });
  });
  it('leaves a row with candidates still open where it is, and never goes below zero', () => {
    expect(
      countsAfter(base, [{ rowNumber: 2, status: 'candidate', subjectId: null, openCandidates: 1 }]),
    ).toEqual(base);
    expect(
      countsAfter({ ...base, candidate: 0 }, [
        { rowNumber: 2, status: 'matched', subjectId: 1, openCandidates: 0 },
      ]).candidate,
    ).toBe(0);
  });
  it('shortens a checksum', () => {
    expect(shortSum('a'.repeat(64))).toBe('aaaaaaaaaaaa');
  });
});

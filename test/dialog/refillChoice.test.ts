import { describe, expect, it } from 'vitest';
import type { KeptItem } from '../../fulfillment/dialog/medicationPager';
import { chooseMedication } from '../../fulfillment/dialog/refillChoice';
import { refillsLeft } from '../../fulfillment/dialog/refills';
import { answerIsNo, answerIsYes } from '../../fulfillment/dialog/yesNo';

const ITEMS: KeptItem[] = [
  { i: 'rx-1', n: 'albuterol 90 micrograms per puff inhaler' },
  { i: 'rx-2', n: 'atorvastatin 20 milligram oral tablet' },
  { i: 'rx-3', n: 'metformin hydrochloride 500 milligram oral tablet' },
  { i: 'rx-4', n: 'metformin hydrochloride 1000 milligram oral tablet' },
  { i: 'rx-5', n: 'potassium chloride 10 milliequivalents extended-release tablet' },
];

describe('choosing the medication of a refill', () => {
  it('matches a drug name said in a sentence, whatever the case', () => {
    expect(chooseMedication('Refill my Atorvastatin please', ITEMS)).toEqual({ kind: 'index', index: 1 });
    expect(chooseMedication('I need more potassium', ITEMS)).toEqual({ kind: 'index', index: 4 });
  });

  it('asks rather than guesses between two orders of one drug, unless the dose tells them apart', () => {
    expect(chooseMedication('refill my metformin', ITEMS)).toEqual({ kind: 'ambiguous', indices: [2, 3] });
    expect(chooseMedication('refill my metformin 1000', ITEMS)).toEqual({ kind: 'index', index: 3 });
  });

  it('counts "the second one" from the first medication of the page last heard', () => {
    expect(chooseMedication('refill the second one', ITEMS, { heard: { start: 3, count: 2 } })).toEqual({ kind: 'index', index: 4 });
    expect(chooseMedication('number 1', ITEMS, { heard: { start: 3, count: 2 } })).toEqual({ kind: 'index', index: 3 });
    expect(chooseMedication('the last one', ITEMS, { heard: { start: 0, count: 3 } })).toEqual({ kind: 'index', index: 2 });
  });

  it('reads a key as the medication offered for it, and a position outside what was heard as no choice', () => {
    expect(chooseMedication('2', ITEMS, { options: [4, 1] })).toEqual({ kind: 'index', index: 1 });
    expect(chooseMedication('3', ITEMS, { options: [4, 1] })).toEqual({ kind: 'none' });
    expect(chooseMedication('the fifth one', ITEMS, { heard: { start: 0, count: 3 } })).toEqual({ kind: 'none' });
    expect(chooseMedication('refill the second one', ITEMS)).toEqual({ kind: 'none' });
  });

  it('names a medication that is not on the list as such, and a bare request as no choice', () => {
    expect(chooseMedication('refill my warfarin', ITEMS)).toEqual({ kind: 'unknownName' });
    expect(chooseMedication('I need a refill of my prescription', ITEMS)).toEqual({ kind: 'none' });
    expect(chooseMedication('', ITEMS)).toEqual({ kind: 'none' });
  });
});

describe('refills the order still states', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');

  it('are left when refills are allowed and the validity period has not ended or states no end', () => {
    expect(refillsLeft({ n: 'x', r: 3, e: '2026-06-01' }, now)).toBe(true);
    expect(refillsLeft({ n: 'x', r: 1 }, now)).toBe(true);
  });

  it('are not left when none are allowed, the period ended, or nothing is stated', () => {
    expect(refillsLeft({ n: 'x', r: 0, e: '2099-01-01' }, now)).toBe(false);
    expect(refillsLeft({ n: 'x', r: 2, e: '2026-05-31' }, now)).toBe(false);
    expect(refillsLeft({ n: 'x' }, now)).toBe(false);
  });
});

describe('yes and no to a refill question', () => {
  it('takes a plain yes or key 1 as yes, and nothing else', () => {
    for (const answer of ['yes', 'Yes please', 'yeah', 'sure', 'okay', '1']) expect(answerIsYes(answer), answer).toBe(true);
    for (const answer of ['', 'no', 'yes but not that one', 'maybe', '2', 'what']) expect(answerIsYes(answer), answer).toBe(false);
    expect(answerIsYes(undefined)).toBe(false);
  });

  it('takes a plain no or key 2 as no', () => {
    for (const answer of ['no', 'no thanks', 'nope', '2']) expect(answerIsNo(answer), answer).toBe(true);
    for (const answer of ['', 'yes', 'no but maybe', '1']) expect(answerIsNo(answer), answer).toBe(false);
  });
});

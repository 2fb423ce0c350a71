import { describe, expect, it } from 'vitest';
import { RED_FLAG_IDS } from '../../contract';
import { RED_FLAG_RULES, RED_FLAG_RULES_VERSION } from '../../fulfillment/notes/redFlagRules';
import { judgeRedFlags } from '../../fulfillment/notes/triage';

/** The words a rule's label gives, as a caller would say them ("chest pain"), for each red flag. */
const SAID = Object.fromEntries(RED_FLAG_RULES.map((rule) => [rule.id, rule.examples[0] as string]));

describe('the red-flag rule file', () => {
  it('has one rule per red flag id, with a label and examples, and a version', () => {
    // Prepare / Act
    const ids = RED_FLAG_RULES.map((rule) => rule.id);

    // Assess
    expect([...ids].sort()).toEqual([...RED_FLAG_IDS].sort());
    expect(RED_FLAG_RULES_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
    for (const rule of RED_FLAG_RULES) expect(rule.examples.length).toBeGreaterThan(0);
  });

  it.each(RED_FLAG_RULES.flatMap((rule) => rule.examples.map((example) => [rule.id, example] as const)))('finds %s, affirmed, in its example "%s"', (id, example) => {
    // Act
    const verdict = judgeRedFlags(example);

    // Assess
    expect(verdict).toMatchObject({ decision: 'urgent', flag: id, rulesVersion: RED_FLAG_RULES_VERSION });
  });

  it.each(RED_FLAG_RULES.map((rule) => [rule.id, rule.label] as const))('judges %s routine when clearly denied ("no %s")', (id, label) => {
    // Act
    const verdict = judgeRedFlags(`I have no ${label}, I just need a refill.`);

    // Assess
    if (verdict.mentions.length > 0) {
      expect(verdict.decision).toBe('routine');
      expect(verdict.mentions.every((mention) => mention.status === 'negated')).toBe(true);
    }
    expect(verdict.flag === undefined || verdict.flag === id).toBe(true);
  });

  it.each(RED_FLAG_IDS)('judges %s urgent when the example is said plainly and the mention is not denied', (id) => {
    // Act
    const verdict = judgeRedFlags(`Hello. ${SAID[id]}. Please call me back.`);

    // Assess
    expect(verdict.decision).toBe('urgent');
    expect(verdict.flag).toBe(id);
  });
});

describe('the kinds of sentences the rules judge', () => {
  it.each([
    ['affirmed', 'I have crushing chest pain and I can’t breathe', 'urgent', 'chest-pain'],
    ['negated', 'No chest pain, I just want to ask about my refill.', 'routine', 'chest-pain'],
    ['negated with "don\'t have"', "I don't have any chest pain today", 'routine', 'chest-pain'],
    ['double-negated', "I can't say I don't have chest pain", 'urgent', 'chest-pain'],
    ['double-negated with "never said"', "I never said I don't have chest pain", 'urgent', 'chest-pain'],
    ['past', 'I had chest pain last year, and I want to go over my results.', 'routine', 'chest-pain'],
    ['past, years ago', 'I had a stroke two years ago. I need my blood pressure pills.', 'routine', 'stroke'],
    ['past but back', 'I had chest pain last year and now it is back.', 'urgent', 'chest-pain'],
    ['past but ongoing since', "I've had chest pain since last year", 'urgent', 'chest-pain'],
    ['recent, not past', 'I had chest pain yesterday', 'urgent', 'chest-pain'],
    ['mixed: one denied, one affirmed', 'No chest pain, but I am short of breath', 'urgent', 'breathing'],
    ['mixed: one past, one affirmed', 'I had a heart attack years ago. Today I passed out.', 'urgent', 'unresponsive'],
    ['nothing', 'I would like a refill of my inhaler', 'routine', undefined],
  ])('%s: "%s" is %s', (_kind, said, decision, flag) => {
    // Act
    const verdict = judgeRedFlags(said);

    // Assess
    expect(verdict.decision).toBe(decision);
    expect(verdict.flag).toBe(flag);
  });

  it('records the status of each mention', () => {
    // Act
    const verdict = judgeRedFlags('I had a seizure as a child. No chest pain. I feel faint and short of breath.');

    // Assess
    expect(verdict.mentions.map((mention) => [mention.match.rule.id, mention.status])).toEqual([
      ['seizure', 'past'],
      ['chest-pain', 'negated'],
      ['breathing', 'affirmed'],
    ]);
  });
});

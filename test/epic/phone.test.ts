import { describe, expect, it } from 'vitest';
import { InvalidPhoneNumberError, nationalDigits, requireE164, toE164 } from '../../fulfillment/epic';

describe('phone normalization', () => {
  it.each(['(608) 555-0142', '608-555-0142', '608.555.0142', '6085550142', '+1 608 555 0142', '+16085550142', '1-608-555-0142'])(
    'reads %s as +16085550142',
    (written) => {
      expect(toE164(written, 'US')).toBe('+16085550142');
    },
  );

  it('drops an extension, which names the same line', () => {
    expect(toE164('608 555 0142 ext. 3', 'US')).toBe('+16085550142');
  });

  it.each(['', 'anonymous', 'Restricted', '555-0142', undefined])('treats %s as no usable number', (presented) => {
    expect(toE164(presented, 'US')).toBeUndefined();
    expect(() => requireE164(presented, 'US')).toThrow(InvalidPhoneNumberError);
  });

  it('reads the same written number by the region it is given, however often it is asked', () => {
    // Prepare: the same national number, in two regions, asked twice each (the second answer is a remembered one).
    const written = '020 7123 4567';

    // Act
    const answers = [toE164(written, 'GB'), toE164(written, 'US'), toE164(written, 'GB'), toE164(written, 'US')];

    // Assess
    expect(answers).toEqual(['+442071234567', undefined, '+442071234567', undefined]);
  });

  it('gives the national digits Epic searches by', () => {
    expect(nationalDigits(requireE164('+16085550142', 'US'))).toBe('6085550142');
  });
});

import { describe, expect, it } from 'vitest';
import { dateTimeFormat } from '../../prompts';

const SPRING_VISIT = new Date('2026-03-10T19:30:00Z');

describe('dateTimeFormat', () => {
  it('keeps one formatter per locale, time zone and style', () => {
    const first = dateTimeFormat('en_US', 'America/Chicago', 'spokenDate');
    expect(dateTimeFormat('en_US', 'America/Chicago', 'spokenDate')).toBe(first);
    expect(dateTimeFormat('es_US', 'America/Chicago', 'spokenDate')).not.toBe(first);
    expect(dateTimeFormat('en_US', 'America/New_York', 'spokenDate')).not.toBe(first);
    expect(dateTimeFormat('en_US', 'America/Chicago', 'textDate')).not.toBe(first);
  });

  it('formats in the locale and the zone it was asked for', () => {
    expect(dateTimeFormat('en_US', 'America/Chicago', 'spokenDate').format(SPRING_VISIT)).toBe('Tuesday, March 10');
    expect(dateTimeFormat('es_US', 'America/Chicago', 'spokenDate').format(SPRING_VISIT)).toBe('martes, 10 de marzo');
    expect(dateTimeFormat('en_US', 'America/Los_Angeles', 'spokenTime').format(SPRING_VISIT).replace(/\s/gu, ' ')).toBe('12:30 PM');
    expect(dateTimeFormat('en_US', 'America/Chicago', 'textDate').format(SPRING_VISIT)).toBe('Tuesday, March 10, 2026');
    expect(dateTimeFormat('en_US', 'America/Chicago', 'textTime').format(SPRING_VISIT).replace(/\s/gu, ' ')).toBe('2:30 PM CDT');
  });

  it('refuses a time zone that is not one, and keeps nothing for it', () => {
    expect(() => dateTimeFormat('en_US', 'Mars/Olympus_Mons', 'spokenDate')).toThrow(RangeError);
    expect(() => dateTimeFormat('en_US', 'Mars/Olympus_Mons', 'spokenDate')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { key, keyed, plainText } from '../../prompts';

describe('words with keypad keys', () => {
  it('keeps the words as written and marks each key apart', () => {
    // Act
    const text = keyed`Press ${key('1')} for female, or ${key('0')}.`;
    // Assess
    expect(text.parts).toEqual(['Press ', { key: '1' }, ' for female, or ', { key: '0' }, '.']);
    expect(plainText(text)).toBe('Press 1 for female, or 0.');
  });

  it('inlines a shared fragment, merging the words that meet', () => {
    // Prepare
    const fragment = keyed`press ${key('9')}.`;
    // Act
    const text = keyed`To hear these again, ${fragment} Thank you.`;
    // Assess
    expect(text.parts).toEqual(['To hear these again, press ', { key: '9' }, '. Thank you.']);
  });

  it('takes interpolated strings and numbers as words, never as keys', () => {
    // Act
    const text = keyed`That's the first ${3} ${'medications'}; press ${key('0')}`;
    // Assess
    expect(text.parts).toEqual(["That's the first 3 medications; press ", { key: '0' }]);
  });

  it('leaves plain words as they are', () => {
    expect(plainText('Goodbye.')).toBe('Goodbye.');
  });
});

import { describe, expect, it } from 'vitest';
import { message, messages } from '../../bots/messages';
import { key, keyed } from '../../prompts';

describe('Lex messages from the prompt catalog', () => {
  it('writes words and keys as one plain-text message', () => {
    // Act
    const written = message(keyed`Press ${key('2')} for male.`);
    // Assess
    expect(written).toEqual({ text: 'Press 2 for male.' });
  });

  it('writes a keypad example as SSML: the instruction, a pause, then the digits read one by one', () => {
    // Act
    const written = message({ instruction: "Let's try the keypad.", example: keyed`You would key ${key('0704')}.` });
    // Assess
    expect(written).toEqual({
      ssml: '<speak>Let\'s try the keypad.<break time="500ms"/> You would key <say-as interpret-as="digits">0704</say-as>.</speak>',
    });
  });

  it('escapes the characters SSML text cannot hold', () => {
    // Act
    const written = message({ instruction: 'Tom & Jerry <3', example: keyed`key ${key('1')}` });
    // Assess
    expect('ssml' in written ? written.ssml : '').toBe('<speak>Tom &amp; Jerry &lt;3<break time="500ms"/> key <say-as interpret-as="digits">1</say-as></speak>');
  });

  it('keeps the prompts of a slot in order', () => {
    expect(messages(['First.', 'Then.'])).toEqual([{ text: 'First.' }, { text: 'Then.' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { digits, escapeXml, pause, say, slowly, toPlainText, toSsml } from '../../fulfillment/src/lex/speech';

describe('speech rendering', () => {
  it('escapes every XML special character once, in SSML', () => {
    expect(toSsml([say('Tom & Jerry <"quoted"> it\'s')])).toBe('<speak>Tom &amp; Jerry &lt;&quot;quoted&quot;&gt; it&apos;s</speak>');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('renders pauses, slow speech and digits for voice', () => {
    expect(toSsml([say('Press'), digits('0'), pause(250), slowly('atorvastatin')])).toBe(
      '<speak>Press <say-as interpret-as="digits">0</say-as> <break time="250ms"/> <prosody rate="90%">atorvastatin</prosody></speak>',
    );
  });

  it('gives text channels plain sentences without markup', () => {
    expect(toPlainText([say('Press'), digits('0'), say('.'), pause(), say('Bye & thanks.')])).toBe('Press 0. Bye & thanks.');
  });
});

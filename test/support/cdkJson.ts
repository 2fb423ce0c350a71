import { readFileSync } from 'node:fs';
import { obj } from './lexTemplate';

/** The `context` of cdk.json: the example deployment that synthesizes without an AWS account. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = obj(JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')));
  return { ...obj(cdkJson['context']) };
}

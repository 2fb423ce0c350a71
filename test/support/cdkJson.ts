import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import type { Node } from 'constructs';
import { DeploymentContextError } from '../../infra/lib/deploymentContext';
import { obj } from './lexTemplate';

/** The `context` of cdk.json: the example deployment that synthesizes without an AWS account. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = obj(JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')));
  return { ...obj(cdkJson['context']) };
}

/**
 * `read(changes)` runs a context reader on cdk.json's context with `changes` applied (`undefined`
 * removes a key); `problem(changes)` is the message of the `DeploymentContextError` it throws.
 *
 * @example
 * const { read, problem } = contextReaders(readDeploymentContext);
 * expect(problem({ connectInstanceArn: 'nope' })).toMatch(/connectInstanceArn/);
 */
export function contextReaders<T>(reader: (node: Node) => T): {
  read: (changes?: Record<string, unknown>) => T;
  problem: (changes: Record<string, unknown>) => string;
} {
  const read = (changes: Record<string, unknown> = {}): T => {
    const context = Object.fromEntries(Object.entries({ ...cdkJsonContext(), ...changes }).filter(([, value]) => value !== undefined));
    return reader(new App({ context }).node);
  };
  const problem = (changes: Record<string, unknown>): string => {
    try {
      read(changes);
    } catch (error) {
      if (error instanceof DeploymentContextError) return error.message;
      throw error;
    }
    throw new Error('no error');
  };
  return { read, problem };
}

/**
 * Helpers for the `LexBots` tests: a throwaway stack around the construct, and typed reading of the
 * synthesized template and of the Lex import zip files.
 */

import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { expect } from 'vitest';
import type { LexJsonFile, PatientSearchStrategy } from '../../bots';
import { LexBots } from '../../infra/lib/LexBots';

/** A JSON object of a template or a zip file. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** `value` as a JSON object; fails the test otherwise. */
export function obj(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`not an object: ${JSON.stringify(value)}`);
  }
  return value as JsonObject;
}

/** `value` as a JSON array; fails the test otherwise. */
export function arr(value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) throw new Error(`not an array: ${JSON.stringify(value)}`);
  return value;
}

/** `value` without the keys `keys`. */
export function omit(value: JsonObject, ...keys: readonly string[]): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

/**
 * JSON with every object key lower-cased and null values dropped. The template spells keys as
 * CloudFormation does (`AllowDTMFInput`, `AudioAndDTMFInputSpecification`) and the export as Lex
 * does (`allowDTMFInput`, …); they differ only in case, so equal normalized values mean the same
 * model, and a key the CDK renderer dropped shows up as a difference.
 */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== null && inner !== undefined)
        .map(([key, inner]) => [key.toLowerCase(), normalize(inner)]),
    );
  }
  return value;
}

/** The `Name`s of a template list (an absent list has none). */
export function names(list: unknown): readonly string[] {
  return arr(list ?? []).map((item) => String(obj(item)['Name']));
}

/** The object in a template list named `name`. */
export function named(list: unknown, name: string): JsonObject {
  const found = arr(list).map(obj).find((item) => item['Name'] === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
}

/** Properties of every resource of `type`. */
export function allProps(template: Template, type: string): readonly JsonObject[] {
  return Object.values(template.findResources(type)).map((resource) => obj(obj(resource)['Properties']));
}

/** Logical id and properties of the one resource of `type` whose properties match `filter`. */
export function single(
  template: Template,
  type: string,
  filter: JsonObject = {},
): { readonly id: string; readonly props: JsonObject } {
  const found = Object.entries(template.findResources(type, { Properties: filter }));
  expect(found).toHaveLength(1);
  const [id, resource] = found[0] ?? ['', {}];
  return { id, props: obj(obj(resource)['Properties']) };
}

/** The `AWS::Lex::Bot` properties of bot `name`. */
export function botProps(template: Template, name: string): JsonObject {
  return single(template, 'AWS::Lex::Bot', { Name: name }).props;
}

/** `Fn::GetAtt` of the bot id of bot `name`, as the version and alias reference it. */
export function botIdRef(template: Template, name: string): JsonObject {
  return { 'Fn::GetAtt': [single(template, 'AWS::Lex::Bot', { Name: name }).id, 'Id'] };
}

/** The Lex locale ids of a bot's template properties, in template order. */
export function localeIds(props: JsonObject): readonly string[] {
  return arr(props['BotLocales']).map((locale) => String(obj(locale)['LocaleId']));
}

/** The locale `localeId` of a bot's template properties. */
export function localeNamed(props: JsonObject, localeId: string): JsonObject {
  const found = arr(props['BotLocales']).map(obj).find((locale) => locale['LocaleId'] === localeId);
  if (found === undefined) throw new Error(`no locale ${localeId}`);
  return found;
}

/** The import zip's file at `path`, as plain JSON. */
export function zipFile(files: Readonly<Record<string, LexJsonFile>>, path: string): JsonObject {
  const json = files[path];
  if (json === undefined) throw new Error(`missing ${path}`);
  return obj(JSON.parse(JSON.stringify(json)));
}

/** Names of the directories holding a `fileName` right under `dir` in the zip. */
export function zipChildren(files: Readonly<Record<string, LexJsonFile>>, dir: string, fileName: string): readonly string[] {
  const pattern = new RegExp(`^${dir}/([^/]+)/${fileName}$`);
  return Object.keys(files).flatMap((path) => {
    const match = pattern.exec(path);
    return match?.[1] === undefined ? [] : [match[1]];
  });
}

/** The fulfillment Lambda of a throwaway stack. */
export function fulfillmentFunction(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fulfillment', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
}

/** A synthesized throwaway stack and the logical ids the assertions refer to. */
export interface Synthesized {
  readonly stack: Stack;
  readonly lexBots: LexBots;
  readonly template: Template;
  readonly fulfillmentId: string;
  readonly logGroupId?: string;
  readonly keyId?: string;
}

/** A stack with a Lambda and {@link LexBots}; `withLogs` adds a KMS-encrypted conversation log group. */
export function synthesize(searchStrategy: PatientSearchStrategy, withLogs = false): Synthesized {
  const stack = new Stack(new App(), 'LexBotsTest');
  const fulfillment = fulfillmentFunction(stack);
  const key = withLogs ? new kms.Key(stack, 'LogKey', { enableKeyRotation: true }) : undefined;
  const logGroup = key === undefined ? undefined : new logs.LogGroup(stack, 'ConversationLogs', { encryptionKey: key });
  const lexBots = new LexBots(stack, 'LexBots', {
    fulfillment,
    searchStrategy,
    ...(logGroup === undefined ? {} : { conversationLogGroup: logGroup }),
    ...(key === undefined ? {} : { encryptionKey: key }),
  });
  const logicalId = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return {
    stack,
    lexBots,
    template: Template.fromStack(stack),
    fulfillmentId: logicalId(fulfillment),
    ...(logGroup === undefined ? {} : { logGroupId: logicalId(logGroup) }),
    ...(key === undefined ? {} : { keyId: logicalId(key) }),
  };
}

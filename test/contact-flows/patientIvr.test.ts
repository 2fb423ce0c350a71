import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DTMF_DEFAULTS, START_TIMEOUT_MS } from '../../bots/shared';
import {
  ContactFlowRenderError,
  FLOWS,
  PATIENT_IVR_PLACEHOLDERS,
  renderContactFlow,
  validateContactFlow,
} from '../../contact-flows/render';
import { REQUIRED_ERRORS } from '../../contact-flows/actionRules';
import { transitionTargets } from '../../contact-flows/graph';
import type { FlowAction, FlowDocument } from '../../contact-flows/schema';
import { AUTH_RESULTS, CAPTURE_ACTIONS, CAPTURE_PARAMETERS, CAPTURE_RESULT_KEY, CAPTURE_RESULTS, ES_LOCALE_ID, IVR_NEXT, LOCALE_ID, MENU_KEYS, SESSION_ATTRIBUTES } from '../../contract';
import { CATALOGS, plainText } from '../../prompts';

const ACCOUNT_ARNS = {
  PatientAuthBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEFGHIJ/TSTALIASID',
  PatientServicesBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/KLMNOPQRST/TSTALIASID',
  TransferQueueArn:
    'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-0000-0000-000000000000/queue/11111111-1111-1111-1111-111111111111',
  SymptomCaptureFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:clinic-ivr-symptom-capture',
  SchedulingQueueArn:
    'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-0000-0000-000000000000/queue/66666666-6666-6666-6666-666666666666',
  UrgentQueueArn:
    'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-0000-0000-000000000000/queue/22222222-2222-2222-2222-222222222222',
} as const;

const TEMPLATE = readFileSync(new URL('../../contact-flows/patient-ivr.json', import.meta.url), 'utf8');

/** Where the flow reads what a bot decided (connect-attrib-list: `$.Lex.SessionAttributes.attributeKey`). */
const lexAttribute = (name: string): string => `$.Lex.SessionAttributes.${name}`;

function renderedFlow(values: Readonly<Record<string, string>> = ACCOUNT_ARNS): FlowDocument {
  return JSON.parse(renderContactFlow(FLOWS.patientIvr, values)) as FlowDocument;
}

function actionsOfType(flow: FlowDocument, type: string): FlowAction[] {
  return flow.Actions.filter((action) => action.Type === type);
}

function actionById(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((action) => action.Identifier === id);
  if (found === undefined) throw new Error(`no action ${id}`);
  return found;
}

/**
 * What an action says in a language: its Text is a flow attribute (`$.FlowAttributes.sayX`) the
 * language's words block (`words-en-US`, `words-es-US`) sets from the prompt catalog.
 */
function spoken(flow: FlowDocument, action: FlowAction, language: 'en-US' | 'es-US' = 'en-US'): string {
  const text = String(action.Parameters?.['Text']);
  const words = actionById(flow, `words-${language}`).Parameters?.['FlowAttributes'] as Record<string, string | { Value: string }>;
  return text.replace(/\$\.FlowAttributes\.(\w+)/g, (_match, name: string) => {
    const value = words[name];
    return typeof value === 'string' ? value : (value?.Value ?? '');
  });
}

/** The GetParticipantInput blocks that record a message (StoreInput True), not the greeting's language offer. */
function listeningBlocks(flow: FlowDocument): FlowAction[] {
  return actionsOfType(flow, 'GetParticipantInput').filter((action) => action.Parameters?.['StoreInput'] === 'True');
}

/** The one element of `list`; fails the test naming `what` otherwise. */
function only<T>(list: readonly T[], what: string): T {
  const [first] = list;
  if (list.length !== 1 || first === undefined) throw new Error(`expected one ${what}, found ${list.length}`);
  return first;
}

/** The Lex block calling the bot alias whose ARN is `aliasArn`. */
function lexBlock(flow: FlowDocument, aliasArn: string): FlowAction {
  const found = actionsOfType(flow, 'ConnectParticipantWithLexBot').find(
    (action) => (action.Parameters?.['LexV2Bot'] as { AliasArn?: string } | undefined)?.AliasArn === aliasArn,
  );
  if (found === undefined) throw new Error(`no Lex block for ${aliasArn}`);
  return found;
}

/** The Compare block branching on a session attribute the bots set. */
function compareOn(flow: FlowDocument, attribute: string): FlowAction[] {
  return actionsOfType(flow, 'Compare').filter((action) => action.Parameters?.['ComparisonValue'] === lexAttribute(attribute));
}

/** Operand → target of each Equals condition of an action. */
function branches(action: FlowAction): Map<string, string> {
  return new Map((action.Transitions?.Conditions ?? []).map((condition) => [condition.Condition.Operands[0] ?? '', condition.NextAction]));
}

/** Identifiers reachable from `start` (itself included). */
function reachableFrom(flow: FlowDocument, start: string): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    pending.push(...transitionTargets(actionById(flow, id)).map(({ target }) => target));
  }
  return seen;
}

/** The capture function's result as the flow reads it (`$.External.<key>` after InvokeLambdaFunction). */
const CAPTURE_RESULT_PATH = `$.External.${CAPTURE_RESULT_KEY}`;

/** The capture function's invocation for `action`. */
function captureInvocation(flow: FlowDocument, action: string): FlowAction {
  return only(
    actionsOfType(flow, 'InvokeLambdaFunction').filter(
      (invoke) => (invoke.Parameters?.['LambdaInvocationAttributes'] as Record<string, string> | undefined)?.[CAPTURE_PARAMETERS.action] === action,
    ),
    `capture invocation with action ${action}`,
  );
}

/** The Compare block reading the capture function's result right after `invoke`. */
function captureCheck(flow: FlowDocument, invoke: FlowAction): FlowAction {
  const check = actionById(flow, invoke.Transitions?.NextAction ?? '');
  expect(check.Type).toBe('Compare');
  expect(check.Parameters).toEqual({ ComparisonValue: CAPTURE_RESULT_PATH });
  return check;
}

/** Media streaming state an action sets: 'Enabled', 'Disabled', or undefined when it is no streaming block. */
function streamingState(action: FlowAction): string | undefined {
  return action.Type === 'UpdateContactMediaStreamingBehavior' ? String(action.Parameters?.['MediaStreamingState']) : undefined;
}

/**
 * Every action the capture branch reaches from `start`, stopping where the caller is back with a bot
 * (the PatientServices menu or PatientAuth).
 */
function captureBranchFrom(flow: FlowDocument, start: string, exits: ReadonlySet<string>): Set<string> {
  const seen = new Set<string>();
  const pending = [start];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id) || exits.has(id)) continue;
    seen.add(id);
    pending.push(...transitionTargets(actionById(flow, id)).map(({ target }) => target));
  }
  return seen;
}

/** The urgent branch of live triage (its own rules, tested in test/contact-flows/liveTriage.test.ts): ids start with `triage-`. */
const inTriageBranch = (id: string | undefined): boolean => id?.startsWith('triage-') === true;

/** Where a stop result leads when the live triage is not urgent: past the triage check, to the usual words. */
function routineOf(flow: FlowDocument, id: string): string {
  const action = actionById(flow, id);
  if (action.Type !== 'Compare' || action.Parameters?.['ComparisonValue'] !== '$.External.triage') return id;
  return action.Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingCondition')?.NextAction ?? '';
}

describe('patient-ivr contact flow', () => {
  describe('structure', () => {
    it('passes the flow validator once rendered', () => {
      // Act
      const problems = validateContactFlow(renderContactFlow(FLOWS.patientIvr, ACCOUNT_ARNS));
      // Assess
      expect(problems).toEqual([]);
    });

    it('is written in Flow language version 2019-10-30 and starts at one of its actions', () => {
      // Act
      const flow = renderedFlow();
      // Assess
      expect(flow.Version).toBe('2019-10-30');
      expect(flow.Actions.map((action) => action.Identifier)).toContain(flow.StartAction);
    });

    it('points every NextAction, condition and error at an existing action', () => {
      // Prepare
      const flow = renderedFlow();
      const ids = new Set(flow.Actions.map((action) => action.Identifier));
      // Act
      const dangling = flow.Actions.flatMap((action) =>
        transitionTargets(action)
          .filter(({ target }) => !ids.has(target))
          .map(({ target, via }) => `${action.Identifier} ${via} -> ${target}`),
      );
      // Assess
      expect(dangling).toEqual([]);
    });

    it('wires an error path for every error each action type can raise', () => {
      // Prepare
      const flow = renderedFlow();
      // Act
      const unwired = flow.Actions.flatMap((action) => {
        const wired = new Set((action.Transitions?.Errors ?? []).map((error) => error.ErrorType));
        return (REQUIRED_ERRORS[action.Type] ?? ['(unclassified type)']).filter((type) => !wired.has(type)).map((type) => `${action.Identifier}: ${type}`);
      });
      // Assess
      expect(unwired).toEqual([]);
      expect(flow.Actions.filter((action) => (REQUIRED_ERRORS[action.Type] ?? []).length > 0).length).toBeGreaterThan(10);
    });

    it('lets every action reach the end of the call, so no caller is left in a loop with no way out', () => {
      // Prepare
      const flow = renderedFlow();
      const ends = new Set(
        flow.Actions.filter((action) => action.Type === 'DisconnectParticipant' || action.Type === 'TransferContactToQueue').map(
          (action) => action.Identifier,
        ),
      );
      // Act
      const trapped = flow.Actions.filter((action) => ![...reachableFrom(flow, action.Identifier)].some((id) => ends.has(id)));
      // Assess
      expect(trapped.map((action) => action.Identifier)).toEqual([]);
    });

    it('gives every action a position in the metadata the console lays the flow out from', () => {
      // Act
      const flow = JSON.parse(TEMPLATE) as FlowDocument & { Metadata: { entryPointPosition?: unknown } };
      // Assess
      expect(flow.Metadata.entryPointPosition).toEqual({ x: expect.any(Number), y: expect.any(Number) });
      expect(Object.keys(flow.Metadata.ActionMetadata ?? {}).sort()).toEqual(flow.Actions.map((action) => action.Identifier).sort());
    });

    it('keeps InvokeLambdaFunction within the 8 seconds Connect allows', () => {
      // Act
      const limits = actionsOfType(renderedFlow(), 'InvokeLambdaFunction').map((action) => Number(action.Parameters?.['InvocationTimeLimitSeconds']));
      // Assess
      for (const limit of limits) expect(limit).toBeGreaterThan(0);
      for (const limit of limits) expect(limit).toBeLessThanOrEqual(8);
    });
  });

  describe('identity and the session token', () => {
    it('hands the calling number to PatientAuth from $.CustomerEndpoint.Address, Lex not receiving it by itself', () => {
      // Act
      const auth = lexBlock(renderedFlow(), ACCOUNT_ARNS.PatientAuthBotAliasArn);
      // Assess
      expect(auth.Parameters?.['LexSessionAttributes']).toMatchObject({ [SESSION_ATTRIBUTES.callerNumber]: '$.CustomerEndpoint.Address' });
    });

    it('keeps the session token in a flow attribute only, never a contact attribute that lands in contact records', () => {
      // Prepare
      const flow = renderedFlow();
      // Act
      const tokenWriters = flow.Actions.filter((action) => JSON.stringify(action.Parameters ?? {}).includes(lexAttribute(SESSION_ATTRIBUTES.sessionToken)));
      const contactWrites = actionsOfType(flow, 'UpdateContactAttributes').map((action) => JSON.stringify(action.Parameters));
      // Assess
      expect(tokenWriters.map((action) => action.Type)).toEqual(['UpdateFlowAttributes']);
      expect(tokenWriters[0]?.Parameters).toEqual({
        FlowAttributes: { [SESSION_ATTRIBUTES.sessionToken]: { Value: lexAttribute(SESSION_ATTRIBUTES.sessionToken) } },
      });
      for (const written of contactWrites) expect(written).not.toContain(SESSION_ATTRIBUTES.sessionToken);
    });

    it('passes the stored token from the flow attribute to PatientServices, and the calling number (texts go only to it), nothing else', () => {
      // Act
      const services = lexBlock(renderedFlow(), ACCOUNT_ARNS.PatientServicesBotAliasArn);
      const attributes = services.Parameters?.['LexSessionAttributes'] as Record<string, string>;
      // Assess
      expect(attributes[SESSION_ATTRIBUTES.sessionToken]).toBe(`$.FlowAttributes.${SESSION_ATTRIBUTES.sessionToken}`);
      expect(attributes[SESSION_ATTRIBUTES.callerNumber]).toBe('$.CustomerEndpoint.Address');
      expect(Object.keys(attributes).filter((key) => !key.startsWith('x-amz-lex:')).sort()).toEqual([SESSION_ATTRIBUTES.callerNumber, SESSION_ATTRIBUTES.sessionToken].sort());
    });

    it('gives both bots the timeouts the bot definitions are tuned for, and lets callers interrupt', () => {
      // Prepare
      const flow = renderedFlow();
      // Act
      const blocks = [ACCOUNT_ARNS.PatientAuthBotAliasArn, ACCOUNT_ARNS.PatientServicesBotAliasArn].map((arn) => lexBlock(flow, arn));
      // Assess
      for (const block of blocks) {
        expect(block.Parameters?.['LexSessionAttributes']).toMatchObject({
          'x-amz-lex:audio:start-timeout-ms:*:*': String(START_TIMEOUT_MS),
          'x-amz-lex:dtmf:end-timeout-ms:*:*': String(DTMF_DEFAULTS.endTimeoutMs),
          'x-amz-lex:allow-interrupt:*:*': 'true',
        });
      }
    });

    it('branches on every authResult the fulfillment sets, and only ok reaches PatientServices', () => {
      // Prepare
      const flow = renderedFlow();
      const services = lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn).Identifier;
      // Act
      const routes = branches(only(compareOn(flow, SESSION_ATTRIBUTES.authResult), 'Compare on authResult'));
      // Assess
      expect([...routes.keys()].sort()).toEqual(Object.values(AUTH_RESULTS).sort());
      for (const [result, target] of routes) {
        expect(reachableFrom(flow, target).has(services), `authResult ${result}`).toBe(result === AUTH_RESULTS.ok);
      }
    });
  });

  describe('the PatientServices loop', () => {
    it('says the short spoken menu, without keys (they come on help and after a miss)', () => {
      // Act
      const flow = renderedFlow();
      const menu = spoken(flow, lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn));
      // Assess
      expect(menu).toContain('medications, appointments, or refills');
      for (const key of Object.values(MENU_KEYS)) expect(menu).not.toContain(`press ${key}`);
    });

    it('handles every ivrNext value the fulfillment sets after PatientServices', () => {
      // Prepare
      const flow = renderedFlow();
      const servicesBlock = lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn);
      // Act
      const check = compareOn(flow, SESSION_ATTRIBUTES.ivrNext).filter((action) => servicesBlock.Transitions?.NextAction === action.Identifier);
      // Assess
      expect([...branches(only(check, 'Compare on ivrNext after PatientServices')).keys()].sort()).toEqual(Object.values(IVR_NEXT).sort());
    });

    it('loops on services, re-verifies on authenticate, records a message on record, and ends on goodbye', () => {
      // Prepare
      const flow = renderedFlow();
      const services = lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn);
      const auth = lexBlock(flow, ACCOUNT_ARNS.PatientAuthBotAliasArn);
      // Act
      const routes = branches(actionById(flow, services.Transitions?.NextAction ?? ''));
      // Assess
      expect(routes.get(IVR_NEXT.services)).toBe(services.Identifier);
      expect(routes.get(IVR_NEXT.authenticate)).toBe(auth.Identifier);
      expect(actionById(flow, routes.get(IVR_NEXT.record) ?? '').Type).toBe('UpdateContactMediaStreamingBehavior');
      expect(reachableFrom(flow, routes.get(IVR_NEXT.record) ?? '').has(services.Identifier)).toBe(true);
      expect(actionById(flow, routes.get(IVR_NEXT.goodbye) ?? '').Type).toBe('DisconnectParticipant');
      expect(actionById(flow, routes.get(IVR_NEXT.transfer) ?? '').Type).toBe('UpdateContactTargetQueue');
    });

    it('sends anything unexpected from a bot, and every bot error, towards a person', () => {
      // Prepare
      const flow = renderedFlow();
      const queue = actionsOfType(flow, 'UpdateContactTargetQueue').map((action) => action.Identifier);
      // Act
      const fallbacks = [
        ...actionsOfType(flow, 'Compare')
          .filter((action) => !inTriageBranch(action.Identifier))
          .map((action) => action.Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingCondition')?.NextAction),
        ...actionsOfType(flow, 'ConnectParticipantWithLexBot').map(
          (action) => action.Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingError')?.NextAction,
        ),
      ];
      // Assess
      for (const target of fallbacks) expect([...reachableFrom(flow, target ?? '')].some((id) => queue.includes(id))).toBe(true);
    });
  });

  describe('the message capture branch', () => {
    /** Where the record route begins, and the bot blocks the branch returns the caller to. */
    function branch(flow: FlowDocument): { readonly entry: string; readonly services: string; readonly auth: string; readonly exits: ReadonlySet<string> } {
      const services = lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn).Identifier;
      const auth = lexBlock(flow, ACCOUNT_ARNS.PatientAuthBotAliasArn).Identifier;
      const entry = branches(actionById(flow, lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn).Transitions?.NextAction ?? '')).get(IVR_NEXT.record) ?? '';
      // The urgent branch of live triage leaves the capture branch on purpose (to a nurse, never back to the menu).
      const triage = actionsOfType(flow, 'Compare').find((action) => action.Parameters?.['ComparisonValue'] === '$.External.triage');
      const urgent = triage ? (branches(triage).get('urgent') ?? '') : '';
      return { entry, services, auth, exits: new Set([services, auth, ...(urgent ? [urgent] : [])]) };
    }

    it('streams the caller, starts the capture, listens, stops streaming, then stops the capture, in that order', () => {
      // Prepare
      const flow = renderedFlow();
      const { entry } = branch(flow);
      // Act: follow the success path from the record route.
      const streamOn = actionById(flow, entry);
      const start = actionById(flow, streamOn.Transitions?.NextAction ?? '');
      const listen = actionById(flow, branches(captureCheck(flow, start)).get(CAPTURE_RESULTS.started) ?? '');
      const streamOff = actionById(flow, listen.Transitions?.NextAction ?? '');
      const stop = actionById(flow, streamOff.Transitions?.NextAction ?? '');
      // Assess
      expect(streamOn.Parameters).toEqual({
        MediaStreamingState: 'Enabled',
        MediaStreamType: 'Audio',
        Participants: [{ ParticipantType: 'Customer', MediaDirections: ['From'] }],
      });
      expect(start).toBe(captureInvocation(flow, CAPTURE_ACTIONS.start));
      expect(listen.Type).toBe('GetParticipantInput');
      expect(listen.Parameters).toMatchObject({ InputTimeLimitSeconds: '120', DTMFConfiguration: { InputTerminationSequence: '#' } });
      expect(streamOff.Parameters).toEqual({ ...streamOn.Parameters, MediaStreamingState: 'Disabled' });
      expect(stop).toBe(captureInvocation(flow, CAPTURE_ACTIONS.stop));
    });

    it('tells the caller, before listening, that the message goes to the care team, is not for emergencies, and ends with pound', () => {
      // Act
      const flow = renderedFlow();
      const listen = listeningBlocks(flow).map((action) => spoken(flow, action));
      // Assess
      expect(listen).toHaveLength(1);
      expect(listen[0]).toMatch(/recorded/);
      expect(listen[0]).toMatch(/care team/);
      expect(listen[0]).toMatch(/not for emergencies/);
      expect(listen[0]).toMatch(/9 1 1/);
      expect(listen[0]).toMatch(/press pound/i);
    });

    it('stops listening at # or after two minutes, and stops streaming whichever comes first', () => {
      // Prepare
      const listen = only(listeningBlocks(renderedFlow()), 'listening block');
      // Act
      const targets = new Set(transitionTargets(listen).map(({ target }) => target));
      // Assess
      expect(Number(listen.Parameters?.['InputTimeLimitSeconds'])).toBe(120);
      expect(listen.Transitions?.Errors?.map((error) => error.ErrorType).sort()).toEqual(['InputTimeLimitExceeded', 'NoMatchingError']);
      expect(targets.size).toBe(1);
      expect(streamingState(actionById(renderedFlow(), [...targets][0] ?? ''))).toBe('Disabled');
    });

    it('invokes the capture function synchronously within 8 seconds, with the token from the flow attribute only', () => {
      // Prepare
      const flow = renderedFlow();
      // Act
      const invocations = [CAPTURE_ACTIONS.start, CAPTURE_ACTIONS.stop].map((action) => captureInvocation(flow, action));
      // Assess
      for (const [index, invoke] of invocations.entries()) {
        expect(invoke.Parameters).toEqual({
          LambdaFunctionARN: ACCOUNT_ARNS.SymptomCaptureFunctionArn,
          InvocationTimeLimitSeconds: '8',
          InvocationType: 'SYNCHRONOUS',
          ResponseValidation: { ResponseType: 'STRING_MAP' },
          LambdaInvocationAttributes: {
            [CAPTURE_PARAMETERS.action]: [CAPTURE_ACTIONS.start, CAPTURE_ACTIONS.stop][index],
            [CAPTURE_PARAMETERS.sessionToken]: `$.FlowAttributes.${SESSION_ATTRIBUTES.sessionToken}`,
            // The start only: the message's language is the contact's ($.LanguageCode, Connect's "Language" system attribute).
            ...(index === 0 ? { [CAPTURE_PARAMETERS.language]: '$.LanguageCode' } : {}),
          },
        });
      }
      expect(actionsOfType(flow, 'InvokeLambdaFunction')).toHaveLength(2);
    });

    it('listens only after the capture started; repeats, re-verifies or apologizes for every other answer', () => {
      // Prepare
      const flow = renderedFlow();
      const { services, auth, exits } = branch(flow);
      const check = captureCheck(flow, captureInvocation(flow, CAPTURE_ACTIONS.start));
      const routes = branches(check);
      const otherwise = check.Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingCondition')?.NextAction ?? '';
      // Act
      const reaches = (target: string, what: string): boolean => reachableFrom(flow, target).has(what);
      const said = (target: string): string =>
        [...captureBranchFrom(flow, target, exits)].map((id) => actionById(flow, id)).filter((action) => action.Type === 'MessageParticipant').map((action) => spoken(flow, action)).join(' ');
      // Assess
      expect([...routes.keys()].sort()).toEqual([CAPTURE_RESULTS.alreadyRecorded, CAPTURE_RESULTS.invalidSession, CAPTURE_RESULTS.started].sort());
      expect(actionById(flow, routes.get(CAPTURE_RESULTS.started) ?? '').Type).toBe('GetParticipantInput');
      expect(said(routes.get(CAPTURE_RESULTS.alreadyRecorded) ?? '')).toMatch(/already left a message/);
      expect(captureBranchFrom(flow, routes.get(CAPTURE_RESULTS.invalidSession) ?? '', new Set([auth])).has(services)).toBe(false);
      expect(reaches(routes.get(CAPTURE_RESULTS.invalidSession) ?? '', auth)).toBe(true);
      expect(check.Transitions?.NextAction).toBe(otherwise);
      expect(said(otherwise)).toMatch(/sorry/i);
      expect(captureBranchFrom(flow, otherwise, exits).has('capture-listen')).toBe(false);
    });

    it('confirms a sent or saved message, re-verifies on invalidSession, and apologizes for anything else after the stop', () => {
      // Prepare
      const flow = renderedFlow();
      const { services, auth } = branch(flow);
      const check = captureCheck(flow, captureInvocation(flow, CAPTURE_ACTIONS.stop));
      const routes = branches(check);
      // Act
      const text = (id: string): string => spoken(flow, actionById(flow, id));
      const otherwise = check.Transitions?.NextAction ?? '';
      // Assess
      expect([...routes.keys()].sort()).toEqual([CAPTURE_RESULTS.closed, CAPTURE_RESULTS.invalidSession, CAPTURE_RESULTS.saved].sort());
      expect(text(routineOf(flow, routes.get(CAPTURE_RESULTS.closed) ?? ''))).toMatch(/sent to your care team/);
      expect(text(routineOf(flow, routes.get(CAPTURE_RESULTS.saved) ?? ''))).toMatch(/will be sent to your care team/);
      expect(text(otherwise)).toMatch(/sorry/i);
      for (const result of [CAPTURE_RESULTS.closed, CAPTURE_RESULTS.saved]) expect(actionById(flow, routineOf(flow, routes.get(result) ?? '')).Transitions?.NextAction).toBe(services);
      expect(actionById(flow, otherwise).Transitions?.NextAction).toBe(services);
      expect(actionById(flow, routes.get(CAPTURE_RESULTS.invalidSession) ?? '').Transitions?.NextAction).toBe(auth);
    });

    it('gives every fallible capture block an error path back to a bot, never a hang-up or a transfer', () => {
      // Prepare
      const flow = renderedFlow();
      const { entry, exits } = branch(flow);
      const inBranch = [...captureBranchFrom(flow, entry, exits)].map((id) => actionById(flow, id));
      // Act
      const errorTargets = inBranch.flatMap((action) => (action.Transitions?.Errors ?? []).map((error) => ({ from: action.Identifier, to: error.NextAction })));
      const leaves = inBranch.filter((action) => action.Type === 'DisconnectParticipant' || action.Type === 'UpdateContactTargetQueue');
      // Assess
      for (const type of ['UpdateContactMediaStreamingBehavior', 'InvokeLambdaFunction', 'GetParticipantInput']) {
        expect(inBranch.filter((action) => action.Type === type).length, type).toBeGreaterThan(0);
      }
      for (const action of inBranch) expect(action.Transitions?.Errors?.length ?? 0, action.Identifier).toBeGreaterThan(0);
      for (const { from, to } of errorTargets) expect([...reachableFrom(flow, to)].some((id) => exits.has(id)), `${from} -> ${to}`).toBe(true);
      expect(leaves.map((action) => action.Identifier)).toEqual([]);
    });

    it('turns streaming off on every path that turned it on before the caller is back with a bot', () => {
      // Prepare
      const flow = renderedFlow();
      const { entry, exits } = branch(flow);
      const offenders: string[] = [];
      const seen = new Set<string>();
      const pending: [string, boolean][] = [[entry, false]];
      // Act: walk (action, streaming yet?) states; a failed stop leaves nothing more to try, so it counts as off.
      for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
        const [id, streaming] = state;
        if (seen.has(`${id}|${streaming}`)) continue;
        seen.add(`${id}|${streaming}`);
        if (exits.has(id)) {
          if (streaming) offenders.push(id);
          continue;
        }
        const action = actionById(flow, id);
        const sets = streamingState(action);
        for (const { target, via } of transitionTargets(action)) {
          const next = sets === 'Disabled' ? false : sets === 'Enabled' ? !via.startsWith('error') || streaming : streaming;
          pending.push([target, next]);
        }
      }
      // Assess
      expect(offenders).toEqual([]);
      expect([...exits].some((exit) => seen.has(`${exit}|false`))).toBe(true);
    });
  });

  describe('the transfer path', () => {
    it('sets the target queue before every hours check and every transfer on every path', () => {
      // Prepare
      const flow = renderedFlow();
      const needsQueue = new Set(['TransferContactToQueue', 'CheckHoursOfOperation']);
      const offenders: string[] = [];
      const seen = new Set<string>();
      const pending: [string, boolean][] = [[flow.StartAction, false]];
      // Act: walk (action, queue set yet?) states from the start.
      for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
        const [id, queued] = state;
        if (seen.has(`${id}|${queued}`)) continue;
        seen.add(`${id}|${queued}`);
        const action = actionById(flow, id);
        if (needsQueue.has(action.Type) && !queued) offenders.push(id);
        const next = queued || action.Type === 'UpdateContactTargetQueue';
        for (const { target } of transitionTargets(action)) pending.push([target, next]);
      }
      // Assess
      expect(offenders).toEqual([]);
      expect(actionsOfType(flow, 'UpdateContactTargetQueue').map((action) => action.Parameters)).toEqual([
        { QueueId: ACCOUNT_ARNS.UrgentQueueArn },
        { QueueId: ACCOUNT_ARNS.SchedulingQueueArn },
        { QueueId: ACCOUNT_ARNS.TransferQueueArn },
      ]);
    });

    it('on scheduling copies the appointment id, and only it, into a contact attribute, then queues to scheduling with the same hours and capacity handling', () => {
      // Prepare
      const flow = renderedFlow();
      const next = branches(actionById(flow, 'check-ivr-next'));
      // Act
      const setter = actionById(flow, next.get(IVR_NEXT.scheduling) ?? '');
      const queue = actionById(flow, setter.Transitions?.NextAction ?? '');
      // Assess
      expect(setter.Type).toBe('UpdateContactAttributes');
      expect(setter.Parameters?.['Attributes']).toEqual({ [SESSION_ATTRIBUTES.appointmentId]: lexAttribute(SESSION_ATTRIBUTES.appointmentId) });
      // Without the id the caller still reaches scheduling: staff can ask which visit.
      expect(setter.Transitions?.Errors?.map((error) => error.NextAction)).toEqual([queue.Identifier]);
      expect(queue.Type).toBe('UpdateContactTargetQueue');
      expect(queue.Parameters).toEqual({ QueueId: ACCOUNT_ARNS.SchedulingQueueArn });
      expect(queue.Transitions?.NextAction).toBe(only(actionsOfType(flow, 'CheckHoursOfOperation').filter((action) => !inTriageBranch(action.Identifier)), 'hours check').Identifier);
      expect(queue.Transitions?.Errors?.map((error) => error.NextAction)).toEqual(['set-transfer-queue']);
      expect(actionsOfType(flow, 'UpdateContactAttributes').filter((action) => !inTriageBranch(action.Identifier))).toEqual([setter]);
    });

    it('transfers in hours, says goodbye out of hours, and ends every failure with an apology and a hang-up', () => {
      // Prepare
      const flow = renderedFlow();
      const outside = (type: string) => actionsOfType(flow, type).filter((action) => !inTriageBranch(action.Identifier));
      const hours = only(outside('CheckHoursOfOperation'), 'hours check');
      const transfer = only(outside('TransferContactToQueue'), 'transfer');
      const queue = actionById(flow, 'set-transfer-queue');
      // Act
      const failures = [queue, hours, transfer].flatMap((action) => action.Transitions?.Errors ?? []).map((error) => actionById(flow, error.NextAction));
      const closed = actionById(flow, branches(hours).get('False') ?? '');
      // Assess
      expect(branches(hours).get('True')).toBe(transfer.Identifier);
      expect(closed.Type).toBe('MessageParticipant');
      expect(spoken(flow, closed)).toMatch(/closed/);
      for (const ending of [closed, ...failures]) {
        expect(ending.Type).toBe('MessageParticipant');
        expect(actionById(flow, ending.Transitions?.NextAction ?? '').Type).toBe('DisconnectParticipant');
      }
    });
  });

  describe('rendering', () => {
    it('declares exactly the placeholders the template holds', () => {
      // Act
      const inTemplate = [...new Set(TEMPLATE.match(/\$\{[A-Za-z]+\}/g) ?? [])].map((placeholder) => placeholder.slice(2, -1));
      // Assess
      expect(inTemplate.sort()).toEqual([...PATIENT_IVR_PLACEHOLDERS].sort());
    });

    it('fills every placeholder and leaves none behind', () => {
      // Act
      const rendered = renderContactFlow(FLOWS.patientIvr, ACCOUNT_ARNS);
      // Assess
      for (const placeholder of PATIENT_IVR_PLACEHOLDERS) expect(rendered).not.toContain(`\${${placeholder}}`);
      for (const arn of Object.values(ACCOUNT_ARNS)) expect(rendered).toContain(arn);
    });

    it('refuses a missing value, naming the placeholder', () => {
      // Prepare
      const { TransferQueueArn: _omitted, ...values } = ACCOUNT_ARNS;
      // Act
      const render = (): string => renderContactFlow(FLOWS.patientIvr, values);
      // Assess
      expect(render).toThrow(ContactFlowRenderError);
      expect(render).toThrow(/no value for placeholder\(s\) TransferQueueArn/);
    });

    it('refuses a value that matches no placeholder, naming it', () => {
      // Act
      const render = (): string => renderContactFlow(FLOWS.patientIvr, { ...ACCOUNT_ARNS, CaptureLambdaArn: 'arn:aws:lambda:us-east-1:111122223333:function:capture' });
      // Assess
      expect(render).toThrow(/value\(s\) CaptureLambdaArn match no placeholder/);
    });

    it('passes a CDK token through intact, never mistaking its ${ for a placeholder', () => {
      // Prepare
      const token = '${Token[TOKEN.42]}';
      // Act
      const rendered = renderContactFlow(FLOWS.patientIvr, { ...ACCOUNT_ARNS, TransferQueueArn: token });
      // Assess
      expect(actionById(JSON.parse(rendered) as FlowDocument, 'set-transfer-queue').Parameters).toEqual({ QueueId: token });
      expect(validateContactFlow(rendered)).toEqual([]);
    });

    it('inserts values JSON-safely, quotes and backslashes included', () => {
      // Prepare
      const awkward = 'arn:"quoted"\\back\nslash';
      // Act
      const flow = renderedFlow({ ...ACCOUNT_ARNS, PatientAuthBotAliasArn: awkward });
      // Assess
      expect(lexBlock(flow, awkward).Parameters?.['LexV2Bot']).toEqual({ AliasArn: awkward });
    });
  });
});

describe('the words patient-ivr plays itself', () => {
  /** The words block of a language in the unrendered template: flow attribute → placeholder. */
  const templateWords = (language: string): Record<string, string> => {
    const block = (JSON.parse(TEMPLATE) as FlowDocument).Actions.find((action) => action.Identifier === `words-${language}`);
    const attributes = (block?.Parameters?.['FlowAttributes'] ?? {}) as Record<string, string | { Value: string }>;
    return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, typeof value === 'string' ? value : value.Value]));
  };

  it('come from the prompt catalog: every Text is a flow attribute both languages set from the same catalog entry', () => {
    // Prepare
    const english = templateWords('en-US');
    const spanish = templateWords('es-US');
    // Act
    const spokenInTemplate = [...TEMPLATE.matchAll(/"Text": "([^"]*)"/g)].map((match) => match[1] ?? '');
    // Assess
    expect(spokenInTemplate.length).toBeGreaterThan(0);
    expect(spokenInTemplate.filter((text) => !/^\$\.FlowAttributes\.say[A-Z][A-Za-z]+$/.test(text))).toEqual([]);
    for (const text of spokenInTemplate) {
      const name = text.slice('$.FlowAttributes.'.length);
      const entry = /^\$\{Prompt\.([A-Za-z]+)\}$/.exec(english[name] ?? '')?.[1];
      expect(entry, name).toBeDefined();
      expect(spanish[name], name).toBe(`\${Prompt.es_US.${entry ?? ''}}`);
    }
    expect(Object.keys(spanish).sort()).toEqual(Object.keys(english).sort());
  });

  it('renders each language as its catalog words, keys as digits', () => {
    // Prepare
    const flow = renderedFlow();
    const menu = lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn);
    const recovery = actionById(flow, 'capture-stop-failed');
    // Act
    const [english, spanish] = (['en-US', 'es-US'] as const).map((language) => [spoken(flow, menu, language), spoken(flow, recovery, language)]);
    // Assess
    expect(english).toEqual([plainText(CATALOGS[LOCALE_ID].menu.options), plainText(CATALOGS[LOCALE_ID].flow.messageNotConfirmed)]);
    expect(spanish).toEqual([plainText(CATALOGS[ES_LOCALE_ID].menu.options), plainText(CATALOGS[ES_LOCALE_ID].flow.messageNotConfirmed)]);
    expect(JSON.stringify(flow).includes('${')).toBe(false);
  });
});

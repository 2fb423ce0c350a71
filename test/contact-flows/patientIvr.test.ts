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
import { REQUIRED_ERRORS, transitionTargets, type FlowAction, type FlowDocument } from '../../contact-flows/validate';
import { AUTH_RESULTS, IVR_NEXT, MENU_KEYS, SESSION_ATTRIBUTES } from '../../fulfillment/src/constants';

const ACCOUNT_ARNS = {
  PatientAuthBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEFGHIJ/TSTALIASID',
  PatientServicesBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/KLMNOPQRST/TSTALIASID',
  TransferQueueArn:
    'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-0000-0000-000000000000/queue/11111111-1111-1111-1111-111111111111',
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

    it('passes the stored token, and only that, from the flow attribute to PatientServices', () => {
      // Act
      const services = lexBlock(renderedFlow(), ACCOUNT_ARNS.PatientServicesBotAliasArn);
      const attributes = services.Parameters?.['LexSessionAttributes'] as Record<string, string>;
      // Assess
      expect(attributes[SESSION_ATTRIBUTES.sessionToken]).toBe(`$.FlowAttributes.${SESSION_ATTRIBUTES.sessionToken}`);
      expect(Object.keys(attributes).filter((key) => !key.startsWith('x-amz-lex:'))).toEqual([SESSION_ATTRIBUTES.sessionToken]);
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
    it('announces the menu keys the bots listen for', () => {
      // Act
      const menu = String(lexBlock(renderedFlow(), ACCOUNT_ARNS.PatientServicesBotAliasArn).Parameters?.['Text']);
      // Assess
      for (const key of [MENU_KEYS.medications, MENU_KEYS.messageForDoctor, MENU_KEYS.person]) expect(menu).toContain(`press ${key}`);
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

    it('loops on services, re-verifies on authenticate, returns from record to the menu, and ends on goodbye', () => {
      // Prepare
      const flow = renderedFlow();
      const services = lexBlock(flow, ACCOUNT_ARNS.PatientServicesBotAliasArn);
      const auth = lexBlock(flow, ACCOUNT_ARNS.PatientAuthBotAliasArn);
      // Act
      const routes = branches(actionById(flow, services.Transitions?.NextAction ?? ''));
      // Assess
      expect(routes.get(IVR_NEXT.services)).toBe(services.Identifier);
      expect(routes.get(IVR_NEXT.authenticate)).toBe(auth.Identifier);
      expect(actionById(flow, routes.get(IVR_NEXT.record) ?? '').Transitions?.NextAction).toBe(services.Identifier);
      expect(actionById(flow, routes.get(IVR_NEXT.goodbye) ?? '').Type).toBe('DisconnectParticipant');
      expect(actionById(flow, routes.get(IVR_NEXT.transfer) ?? '').Type).toBe('UpdateContactTargetQueue');
    });

    it('sends anything unexpected from a bot, and every bot error, towards a person', () => {
      // Prepare
      const flow = renderedFlow();
      const queue = actionsOfType(flow, 'UpdateContactTargetQueue').map((action) => action.Identifier);
      // Act
      const fallbacks = [
        ...actionsOfType(flow, 'Compare').map((action) => action.Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingCondition')?.NextAction),
        ...actionsOfType(flow, 'ConnectParticipantWithLexBot').map(
          (action) => action.Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingError')?.NextAction,
        ),
      ];
      // Assess
      for (const target of fallbacks) expect([...reachableFrom(flow, target ?? '')].some((id) => queue.includes(id))).toBe(true);
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
      expect(actionsOfType(flow, 'UpdateContactTargetQueue').map((action) => action.Parameters)).toEqual([{ QueueId: ACCOUNT_ARNS.TransferQueueArn }]);
    });

    it('transfers in hours, says goodbye out of hours, and ends every failure with an apology and a hang-up', () => {
      // Prepare
      const flow = renderedFlow();
      const hours = only(actionsOfType(flow, 'CheckHoursOfOperation'), 'hours check');
      const transfer = only(actionsOfType(flow, 'TransferContactToQueue'), 'transfer');
      const queue = only(actionsOfType(flow, 'UpdateContactTargetQueue'), 'target queue');
      // Act
      const failures = [queue, hours, transfer].flatMap((action) => action.Transitions?.Errors ?? []).map((error) => actionById(flow, error.NextAction));
      const closed = actionById(flow, branches(hours).get('False') ?? '');
      // Assess
      expect(branches(hours).get('True')).toBe(transfer.Identifier);
      expect(closed.Type).toBe('MessageParticipant');
      expect(String(closed.Parameters?.['Text'])).toMatch(/closed/);
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
      expect(actionsOfType(JSON.parse(rendered) as FlowDocument, 'UpdateContactTargetQueue')[0]?.Parameters).toEqual({ QueueId: token });
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

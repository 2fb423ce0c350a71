/**
 * Structural checks of a contact flow written in the Amazon Connect Flow language, run on the
 * rendered JSON before it reaches Connect: Connect rejects some of these mistakes only at deploy
 * time, and accepts others (a dead end, an unreachable block) that strand a caller in silence.
 * The document is parsed with the shared schema (`schema.ts`); this file checks the flow as a whole,
 * `actionRules.ts` each action.
 *
 * Facts behind the rules: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * and the per-action pages linked from it (see contact-flows/README.md).
 */

import { actionProblems } from './actionRules';
import { duplicateIdentifierProblems, unreachableIdentifiers } from './graph';
import { FLOW_LANGUAGE_VERSION, parseFlowDocument, type FlowDocument } from './schema';

/** "A single Flow may have no more than 250 Actions defined." */
const MAX_ACTIONS = 250;

/** A name-shaped `${Name}` left by a template; a CDK token (`${Token[TOKEN.42]}`) does not match. */
const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;

/**
 * Problems with a rendered flow, one sentence each; an empty list means the flow passes.
 *
 * @example
 * const problems = validateContactFlow(renderContactFlow('patient-ivr', values));
 * if (problems.length > 0) throw new Error(problems.join('\n'));
 */
export function validateContactFlow(json: string): string[] {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) return [parsed.reason];
  const { flow } = parsed;
  const { Actions: actions } = flow;
  const problems: string[] = [];
  if (flow.Version !== FLOW_LANGUAGE_VERSION) problems.push(`Version is ${flow.Version}, expected ${FLOW_LANGUAGE_VERSION}`);
  if (actions.length > MAX_ACTIONS) problems.push(`${actions.length} actions, more than the ${MAX_ACTIONS} a flow may hold`);
  problems.push(...duplicateIdentifierProblems(actions));
  const ids = new Set(actions.map((action) => action.Identifier));
  if (!ids.has(flow.StartAction)) problems.push(`StartAction ${flow.StartAction} is not an action of the flow`);
  for (const action of actions) problems.push(...actionProblems(action, ids));
  if (ids.has(flow.StartAction)) problems.push(...unreachableIdentifiers(flow).map((id) => `action ${id} is unreachable from StartAction`));
  problems.push(...metadataProblems(flow, ids));
  const left = [...new Set(json.match(PLACEHOLDER) ?? [])];
  if (left.length > 0) problems.push(`placeholder(s) left unrendered: ${left.join(', ')}`);
  return problems;
}

/** The console lays blocks out from `Metadata.ActionMetadata.<id>.position`; it cannot place one without it. */
function metadataProblems(flow: FlowDocument, ids: ReadonlySet<string>): string[] {
  const layout = flow.Metadata?.ActionMetadata ?? {};
  return [
    ...[...ids].filter((id) => layout[id]?.position === undefined).map((id) => `action ${id} has no position in Metadata.ActionMetadata`),
    ...Object.keys(layout).filter((id) => !ids.has(id)).map((id) => `Metadata.ActionMetadata names ${id}, which is not an action of the flow`),
  ];
}

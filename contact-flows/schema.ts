/**
 * The Amazon Connect Flow language as this project reads it, written once: the validator checks a
 * flow with it before deploy, and the call simulator's interpreter runs the flow it parses. Each
 * action type's Parameters have their own schema in `parameters.ts`.
 *
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html ·
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 */

import * as z from 'zod';

/** The only version of the Flow language ("Currently the only supported version is 2019-10-30"). */
export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/** One `Conditions` entry: the action moves to `NextAction` when its result passes `Operator` against an operand. */
export const flowConditionSchema = z.object({
  NextAction: z.string(),
  Condition: z.object({ Operator: z.string(), Operands: z.array(z.string()) }),
});

/** One `Errors` entry: where the action moves when it fails with `ErrorType`. */
export const flowErrorSchema = z.object({ NextAction: z.string(), ErrorType: z.string() });

/**
 * How an action moves on. Unknown keys are kept (`loose`): a terminal action must have empty
 * Transitions, so the validator has to see every key that was written.
 */
export const flowTransitionsSchema = z
  .object({
    NextAction: z.string().optional(),
    Conditions: z.array(flowConditionSchema).optional(),
    Errors: z.array(flowErrorSchema).optional(),
  })
  .loose();

/**
 * One action. `Type` is any string and `Parameters` any object here: each type's Parameters are read
 * with its own schema, so an unknown type is reported by the action's name, not as a broken document.
 */
export const flowActionSchema = z.object({
  Identifier: z.string(),
  Type: z.string(),
  Parameters: z.record(z.string(), z.unknown()).optional(),
  Transitions: flowTransitionsSchema.optional(),
});

/** The console's layout: `Metadata.ActionMetadata.<Identifier>.position` places each block. */
const flowMetadataSchema = z
  .object({ ActionMetadata: z.record(z.string(), z.object({ position: z.record(z.string(), z.unknown()).optional() }).loose()).optional() })
  .loose();

/** A whole flow document. `Version` is any string here; the validator says which one Connect takes. */
export const flowDocumentSchema = z.object({
  Version: z.string(),
  StartAction: z.string(),
  Metadata: flowMetadataSchema.optional(),
  Actions: z.array(flowActionSchema),
});

/** A parsed flow document. */
export type FlowDocument = z.infer<typeof flowDocumentSchema>;

/** One action of a parsed flow. */
export type FlowAction = z.infer<typeof flowActionSchema>;

/** How an action of a parsed flow moves on. */
export type FlowTransitions = z.infer<typeof flowTransitionsSchema>;

/** One `Conditions` entry of an action. */
export type FlowCondition = z.infer<typeof flowConditionSchema>;

/** A parse of Flow language JSON: the document, or why the text is not one (one sentence). */
export type FlowDocumentParse = { readonly ok: true; readonly flow: FlowDocument } | { readonly ok: false; readonly reason: string };

/**
 * Parses Flow language JSON into a {@link FlowDocument}. The reason of a failure is the sentence both
 * the validator and the interpreter report.
 *
 * @example
 * const parsed = parseFlowDocument(renderContactFlow(FLOWS.patientIvr, values));
 * if (!parsed.ok) throw new Error(parsed.reason);
 */
export function parseFlowDocument(json: string): FlowDocumentParse {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${(error as Error).message}` };
  }
  const parsed = flowDocumentSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `not a flow document: ${z.prettifyError(parsed.error)}` };
  return { ok: true, flow: parsed.data };
}

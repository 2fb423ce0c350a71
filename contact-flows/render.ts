/**
 * Renders the contact flow templates of this folder: Flow language JSON with `${Name}` placeholders
 * where an ARN of the deployment goes. One template feeds both the CDK `CfnContactFlow` and the
 * import script, so the console and CloudFormation run the same flow.
 */

import { readFileSync } from 'node:fs';

export { validateContactFlow } from './validate';

/** The flows of this folder, by their name in Connect (and the name of their template file). */
export const FLOWS = { patientIvr: 'patient-ivr' } as const;

/** Name of a flow of this folder. */
export type FlowName = (typeof FLOWS)[keyof typeof FLOWS];

/**
 * Placeholders of `patient-ivr.json`, each an ARN: the two Lex V2 bot aliases (associated with the
 * instance) and the queue callers are transferred to.
 */
export const PATIENT_IVR_PLACEHOLDERS = ['PatientAuthBotAliasArn', 'PatientServicesBotAliasArn', 'TransferQueueArn'] as const;

/** Placeholders of each flow. */
const PLACEHOLDERS: Readonly<Record<FlowName, readonly string[]>> = {
  [FLOWS.patientIvr]: PATIENT_IVR_PLACEHOLDERS,
};

/** A flow could not be rendered: a placeholder got no value, a value has no placeholder, or the result is not JSON. */
export class ContactFlowRenderError extends Error {
  public override readonly name = 'ContactFlowRenderError';

  public constructor(
    public readonly flow: FlowName,
    message: string,
    /** Placeholders of the template that got no value. */
    public readonly missing: readonly string[] = [],
    /** Values that match no placeholder of the template. */
    public readonly unknown: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(`contact flow ${flow}: ${message}`, options);
  }
}

/**
 * The flow's Flow language JSON with every `${Name}` replaced by `values[Name]`.
 *
 * Values are inserted JSON-escaped, inside the string that holds the placeholder. They may be CDK
 * token strings (`${Token[TOKEN.123]}`): only the declared names are matched, in one pass over the
 * template, so a token (or any `${` inside a value) is never taken for a placeholder.
 *
 * @throws {ContactFlowRenderError} when a placeholder has no value or a value has no placeholder
 * @example
 * const content = renderContactFlow(FLOWS.patientIvr, {
 *   PatientAuthBotAliasArn: authAlias.attrArn,
 *   PatientServicesBotAliasArn: servicesAlias.attrArn,
 *   TransferQueueArn: queueArn,
 * });
 */
export function renderContactFlow(name: 'patient-ivr', values: Readonly<Record<string, string>>): string {
  const declared = PLACEHOLDERS[name];
  const missing = declared.filter((placeholder) => !Object.hasOwn(values, placeholder));
  const unknown = Object.keys(values).filter((key) => !declared.includes(key));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `no value for placeholder(s) ${missing.join(', ')}` : '',
      unknown.length > 0 ? `value(s) ${unknown.join(', ')} match no placeholder` : '',
    ];
    throw new ContactFlowRenderError(name, parts.filter(Boolean).join('; '), missing, unknown);
  }

  const template = readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8');
  const pattern = new RegExp(`\\$\\{(${declared.join('|')})\\}`, 'g');
  // JSON.stringify escapes quotes, backslashes and control characters; the slice drops its quotes.
  const rendered = template.replace(pattern, (_match, placeholder: string) => JSON.stringify(values[placeholder]).slice(1, -1));
  try {
    JSON.parse(rendered);
  } catch (error) {
    throw new ContactFlowRenderError(name, 'the rendered flow is not valid JSON', [], [], { cause: error });
  }
  return rendered;
}

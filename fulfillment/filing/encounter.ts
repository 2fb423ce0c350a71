import type { Encounter } from '@medplum/fhirtypes';
import type { ChartWriter } from '../epic/ports';
import { ENCOUNTER_STRATEGIES, type EncounterStrategy } from '../runtime/config';
import { FilingError } from './errors';

/** How far before the message `sameDay` looks. */
export const SAME_DAY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Encounter statuses a note may be filed under: the visit happened or is happening. */
const FILEABLE_STATUSES: ReadonlySet<string> = new Set(['arrived', 'triaged', 'in-progress', 'finished']);

/**
 * Whether a note may be filed under an encounter of this status (the visit happened or is happening).
 *
 * @example
 * isFileableEncounterStatus('planned'); // false
 */
export function isFileableEncounterStatus(status: string | undefined): boolean {
  return FILEABLE_STATUSES.has(status ?? '');
}

/** The Epic environment requires an encounter on a DocumentReference and none fits the strategy. */
export class EncounterRequiredError extends FilingError {}

/**
 * The Encounter id to file the note under, or `undefined` for none. Candidates are re-checked
 * locally (patient, status, start time), so a server that ignores a search parameter cannot put the
 * note under another visit.
 *
 * @example
 * const encounterId = await chooseEncounter(chart, { patientId, messageAt: note.createdAt }, 'sameDay');
 */
export async function chooseEncounter(
  chart: Pick<ChartWriter, 'findEncounters'>,
  message: { readonly patientId: string; readonly messageAt: string },
  strategy: EncounterStrategy,
): Promise<string | undefined> {
  if (strategy === 'none') return undefined;
  const messageMs = Date.parse(message.messageAt);
  const since = messageMs - SAME_DAY_WINDOW_MS;
  const encounters = await chart.findEncounters(message.patientId);
  const candidates = encounters
    .filter((encounter): encounter is Encounter & { id: string } => encounter?.resourceType === 'Encounter' && typeof encounter.id === 'string')
    .filter((encounter) => encounter.subject?.reference === `Patient/${message.patientId}` && isFileableEncounterStatus(encounter.status))
    .map((encounter) => ({ id: encounter.id, startMs: Date.parse(encounter.period?.start ?? '') }))
    .filter(({ startMs }) => Number.isFinite(startMs) && startMs >= since && startMs <= messageMs)
    .sort((a, b) => b.startMs - a.startMs);
  return candidates[0]?.id;
}

export { ENCOUNTER_STRATEGIES, type EncounterStrategy };

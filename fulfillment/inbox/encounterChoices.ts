import type { ChartEncounter } from '../epic/ports';
import { isFileableEncounterStatus } from '../filing/encounter';
import type { EncounterChoice } from './ports';

/** Words for encounter statuses a note may be filed under, when the visit is not finished. */
const UNDER_WAY: Readonly<Record<string, string>> = { arrived: 'arrived', triaged: 'triaged', 'in-progress': 'in progress' };

/**
 * The encounters a kept message may be filed under (the visit happened or is happening), newest
 * first, each with a plain label in the clinic's time zone: "Telephone, Feb 10, 2026, 9:00 AM (in progress)".
 *
 * @example
 * encounterChoices(await epic.recentEncounters(patientId), 'America/Chicago');
 */
export function encounterChoices(encounters: readonly ChartEncounter[], timeZone: string): EncounterChoice[] {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return encounters
    .filter((encounter) => isFileableEncounterStatus(encounter.status))
    .map((encounter) => {
      const named = encounter.type ?? encounter.class ?? 'encounter';
      const kind = `${named.charAt(0).toUpperCase()}${named.slice(1)}`;
      const startMs = Date.parse(encounter.start ?? '');
      const when = Number.isFinite(startMs) ? format.format(startMs) : 'date not charted';
      const underWay = UNDER_WAY[encounter.status ?? ''];
      return { id: encounter.id, label: `${kind}, ${when}${underWay ? ` (${underWay})` : ''}`, ...(encounter.start ? { start: encounter.start } : {}) };
    });
}

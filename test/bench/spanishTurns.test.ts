/**
 * The Spanish turns of the dialog benchmark (`bench/spanishTurns.ts`): calls the simulator plays in
 * en_US, recorded and played again in es_US through the real handler, must be Spanish calls that
 * work — verified, the menu, the appointments — or the Spanish overhead figure would measure
 * something else (an English answer, or a caller never verified).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PATIENT_SEARCH_STRATEGY } from '../../contract';
import type { LexHandler } from '../../fulfillment/dialog/codeHook';
import { inSpanish, MENU_CALL_LINES, playInSpanish, SPANISH_LINES } from '../../bench/spanishTurns';
import { DEMO_CALLER } from '../../sandbox/data/scenarios';
import { playCall } from '../../sandbox/simulator/flow';
import { scriptLines } from '../../sandbox/simulator/script';
import { englishWordsIn } from '../support/englishWords';
import { expectValidLexResponse, responseText } from '../support/lexResponseSchema';
import { useLocalRuntime } from '../support/localRuntime';

const APPOINTMENTS_CALL = scriptLines(readFileSync(new URL('../../sandbox/simulator/appointments-call.txt', import.meta.url), 'utf8'));
const MENU_CALL = [...APPOINTMENTS_CALL.slice(0, 4), ...MENU_CALL_LINES];

describe('the dialog benchmark\'s Spanish turns', () => {
  const runtime = useLocalRuntime();

  /** The Lex events of one simulated English call, as the benchmark records them. */
  async function record(lines: readonly string[]): Promise<unknown[]> {
    const events: unknown[] = [];
    const recording: LexHandler = async (event, context) => {
      events.push(structuredClone(event));
      return runtime.handler(event, context);
    };
    let index = 0;
    await playCall({ handler: recording, callerNumber: DEMO_CALLER.callerNumber, lines: { next: async () => lines[index++] }, print: { ivr: () => undefined, caller: () => undefined, trace: () => undefined }, searchStrategy: DEFAULT_PATIENT_SEARCH_STRATEGY });
    return events;
  }

  it('has a Spanish line for every caller line of the calls it plays in Spanish, but keys and spelled letters', () => {
    // Act
    const missing = [...APPOINTMENTS_CALL, ...MENU_CALL].filter((line) => !/^[\d ]+$|^([A-Z] )+[A-Z]$/.test(line) && SPANISH_LINES[line] === undefined);
    // Assess
    expect(missing).toEqual([]);
  });

  it('speaks a recorded event in es_US with the caller\'s words in Spanish and what Lex resolved unchanged', async () => {
    // Prepare
    const [first] = await record(APPOINTMENTS_CALL.slice(0, 1));
    // Act
    const spanish = inSpanish(first) as { bot: { localeId: string }; inputTranscript: string; sessionState: { intent: { slots: Record<string, { value: { originalValue: string; interpretedValue: string } } | null> } } };
    // Assess
    expect(spanish.bot.localeId).toBe('es_US');
    expect(spanish.inputTranscript).toBe('14 de marzo de 1948');
    expect(spanish.sessionState.intent.slots.BirthDate?.value).toMatchObject({ originalValue: '14 de marzo de 1948', interpretedValue: DEMO_CALLER.birthDate });
    expect((first as { bot: { localeId: string } }).bot.localeId).toBe('en_US');
  });

  it('plays the appointments and menu calls again in Spanish: verified, the appointments, the change and the menu, with no English word', async () => {
    // Prepare
    const calls = [await record(APPOINTMENTS_CALL), await record(MENU_CALL)];
    // Act
    const [appointments, menu] = [await playInSpanish(calls[0] ?? [], runtime.handler), await playInSpanish(calls[1] ?? [], runtime.handler)];
    // Assess
    const said = (responses: typeof appointments) => responses.map((response) => responseText(expectValidLexResponse(response))).join('\n');
    expect(said(appointments)).toContain(`Gracias, ${DEMO_CALLER.given}. Ya confirmé su identidad.`);
    expect(said(appointments)).toContain('citas programadas. Su próxima cita es el');
    expect(said(appointments)).toContain('le voy a comunicar con nuestro equipo de citas');
    expect(appointments.at(-1)?.sessionState.sessionAttributes).toMatchObject({ ivrNext: 'scheduling' });
    expect(said(menu)).toContain('En el teclado, oprima 1 para medicamentos');
    expect(said(menu)).toContain('Gracias por llamar.');
    expect(menu.at(-1)?.sessionState.sessionAttributes).toMatchObject({ ivrNext: 'goodbye' });
    expect(englishWordsIn(`${said(appointments)}\n${said(menu)}`)).toEqual([]);
  });
});

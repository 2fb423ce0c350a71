import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_RESULTS, IVR_NEXT, SESSION_ATTRIBUTES, SLOTS } from '../../contract';
import { DEMO_CALLER } from '../../sandbox/data/scenarios';
import { replay, USAGE } from '../../scripts/replay';
import { englishWordsIn } from '../support/englishWords';
import { expectValidLexResponse, responseText, type LexResponse } from '../support/lexResponseSchema';
import { capture } from '../scripts/support';

const textOf = (response: LexResponse | undefined): string => (response ? responseText(response) : '');
const conversation = (name: string) => fileURLToPath(new URL(`../fixtures/conversations/${name}`, import.meta.url));

describe('npm run replay', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'replay-cli-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('plays a conversation file turn by turn, carrying session attributes from each answer into the next event, under the default name search', async () => {
    // Prepare
    const output = capture();
    // Act
    const responses = await replay([conversation('eleanor-speech-medications.json')], output);
    // Assess
    expect(responses).toHaveLength(9);
    const checked = responses.map(expectValidLexResponse);
    expect(output.lines).toHaveLength(9);
    expect(output.lines.map((line) => JSON.parse(line) as unknown)).toEqual(JSON.parse(JSON.stringify(responses)));
    expect(output.errors.filter((line) => line.startsWith('# turn '))).toHaveLength(9);
    const [askFirstName, askLastName, , , verified, medications, more, repeated, goodbye] = checked;
    expect(askFirstName?.sessionState.dialogAction).toMatchObject({ slotToElicit: SLOTS.firstName, slotElicitationStyle: 'SpellByLetter' });
    expect(askLastName?.sessionState.dialogAction).toMatchObject({ slotToElicit: SLOTS.lastName, slotElicitationStyle: 'SpellByLetter' });
    expect(verified?.sessionState.sessionAttributes).toMatchObject({ [SESSION_ATTRIBUTES.authResult]: AUTH_RESULTS.ok });
    expect(textOf(medications)).toContain(`You have ${DEMO_CALLER.activeMedicationCount} active medications on file.`);
    expect(more?.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.medicationPage]).toBe('3');
    expect(textOf(repeated)).toBe(textOf(more));
    expect(goodbye?.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.ivrNext]).toBe(IVR_NEXT.goodbye);
  });

  it('plays the appointments conversation: the next one, the rest on more, the same again on repeat, and the second handed to scheduling', async () => {
    // Prepare
    const output = capture();
    // Act
    const responses = await replay([conversation('eleanor-appointments-change.json')], output);
    // Assess
    expect(responses).toHaveLength(9);
    const [, , , , verified, next, more, repeated, change] = responses.map(expectValidLexResponse);
    expect(verified?.sessionState.sessionAttributes).toMatchObject({ [SESSION_ATTRIBUTES.authResult]: AUTH_RESULTS.ok });
    expect(textOf(next)).toContain('Your next appointment is');
    expect(more?.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.appointmentPage]).toBe('1');
    expect(textOf(repeated)).toBe(textOf(more));
    expect(change?.sessionState.sessionAttributes).toMatchObject({ [SESSION_ATTRIBUTES.ivrNext]: IVR_NEXT.scheduling, [SESSION_ATTRIBUTES.appointmentId]: 'appt-eleanor-cardiology' });
  });

  it('plays the appointments conversation in Spanish: verified, the list, more, repeat and the change, all said in Spanish with sealed lists made in Spanish', async () => {
    // Prepare
    const output = capture();
    // Act
    const responses = await replay([conversation('es-eleanor-appointments-change.json')], output);
    // Assess
    expect(responses).toHaveLength(9);
    const [, , , , verified, next, more, repeated, change] = responses.map(expectValidLexResponse);
    expect(textOf(verified)).toContain(`Gracias, ${DEMO_CALLER.given}. Ya confirmé su identidad.`);
    expect(textOf(next)).toContain('Su próxima cita es el');
    expect(textOf(more)).toContain('Esas son todas sus citas programadas.');
    expect(textOf(repeated)).toBe(textOf(more));
    expect(textOf(change)).toContain('Muy bien. Sobre su cita del');
    expect(textOf(change), 'a time ending in p. m. is not followed by a second period').not.toMatch(/\.\./);
    expect(englishWordsIn(responses.map((response) => textOf(expectValidLexResponse(response))).join(' '))).toEqual([]);
    expect(change?.sessionState.sessionAttributes).toMatchObject({ [SESSION_ATTRIBUTES.ivrNext]: IVR_NEXT.scheduling, [SESSION_ATTRIBUTES.appointmentId]: 'appt-eleanor-cardiology' });
  });

  it('plays a single fixture file, applying its setup', async () => {
    // Prepare
    const output = capture();
    const fixture = fileURLToPath(new URL('../fixtures/lex/auth-locked-number-no-epic-lookup.json', import.meta.url));
    // Act
    const [response] = await replay([fixture], output);
    // Assess
    expect(response?.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.locked);
  });

  it('answers a fixture written for the telecom strategy with a runtime of that strategy', async () => {
    // Prepare: the fixture's setup says "searchStrategy": "telecom"; its event carries no names
    const fixture = fileURLToPath(new URL('../fixtures/lex/auth-verify-near-match-other-area-code.json', import.meta.url));
    // Act
    const [response] = await replay([fixture], capture());
    // Assess
    expect(response?.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.authResult]).toBe(AUTH_RESULTS.ok);
  });

  it('prints the usage for --help and plays nothing', async () => {
    // Prepare
    const output = capture();
    // Act
    const responses = await replay(['--help'], output);
    // Assess
    expect(responses).toEqual([]);
    expect(output.lines).toEqual([USAGE]);
  });

  it('refuses a missing file with exit code 2 and says which file', async () => {
    // Prepare
    const missing = join(scratch, 'nope.json');
    // Act
    const attempt = replay([missing], capture());
    // Assess
    await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining(`cannot read ${missing}: no such file`) });
  });

  it('refuses a file that is not JSON with exit code 2', async () => {
    // Prepare
    const broken = join(scratch, 'broken.json');
    writeFileSync(broken, '{ "messageVersion": "1.0", ');
    // Act
    const attempt = replay([broken], capture());
    // Assess
    await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('is not valid JSON') });
  });

  it('refuses JSON that is neither an event, a conversation nor a fixture, and no file at all, with exit code 2', async () => {
    // Prepare
    const scalar = join(scratch, 'scalar.json');
    writeFileSync(scalar, '42');
    const empty = join(scratch, 'empty.json');
    writeFileSync(empty, '[]');
    // Act and Assess, one at a time so no rejection goes unobserved
    for (const argv of [[scalar], [empty], [], ['--bogus', scalar]]) {
      await expect(replay(argv, capture()), argv.join(' ')).rejects.toMatchObject({ exitCode: 2 });
    }
  });

  it('refuses an unknown placeholder with exit code 2, naming it', async () => {
    // Prepare
    const file = join(scratch, 'unknown-placeholder.json');
    writeFileSync(file, JSON.stringify({ sessionId: 'x', sessionState: { sessionAttributes: { callerNumber: '{{phone:nobody}}' } } }));
    // Act
    const attempt = replay([file], capture());
    // Assess
    await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('unknown patient "nobody"') });
  });
});

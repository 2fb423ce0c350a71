/**
 * The inbox's local demo data: the bundled calls, played through the real local pipeline against the
 * sandbox with Epic's encounter rule, leave an urgent message, a routine one filed in Epic and one
 * kept for staff, each with a recording the inbox can play.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { INBOX_DEMO_CALLS, startInboxDemo, type InboxDemo } from '../../sandbox/inboxDemo';
import { CLINICIAN } from '../support/inboxFixtures';

describe('inbox demo data', () => {
  let demo: InboxDemo;

  beforeAll(async () => {
    logger.setLogLevel('CRITICAL');
    demo = await startInboxDemo();
  });

  afterAll(async () => {
    await demo?.stop();
    logger.setLogLevel('INFO');
  });

  it('leaves an urgent message first, a routine one filed in Epic, and one kept for staff', async () => {
    // Act
    const page = await demo.service.list(CLINICIAN, { filter: 'all' });
    // Assess
    const byKind = Object.fromEntries(demo.messages.map((message) => [message.kind, message.noteId]));
    expect(page.items).toHaveLength(3);
    expect(page.items[0]).toMatchObject({ noteId: byKind.urgent, urgent: true, patient: { name: expect.stringContaining('Pemberton') } });
    expect(page.items.find((item) => item.noteId === byKind.filed)).toMatchObject({ urgent: false, filing: 'filed', patient: { name: expect.stringContaining('Whitfield') } });
    expect(page.items.find((item) => item.noteId === byKind.keptForStaff)).toMatchObject({ filing: 'keptForStaff', patient: { name: expect.stringContaining('Abernathy') } });
    expect(page.patientsUnavailable).toBe(false);
  });

  it('files the routine message in the sandbox under the day’s telephone encounter', async () => {
    // Prepare
    const filed = demo.messages.find((message) => message.kind === 'filed');
    // Act
    const message = await demo.service.message(CLINICIAN, filed?.noteId as string);
    const document = await demo.epic.fhir.read<DocumentReference>('DocumentReference', message?.filing.documentReferenceId as string);
    // Assess
    expect(message?.filing.state).toBe('filed');
    expect(document.context?.encounter?.[0]?.reference).toMatch(/^Encounter\/enc-phone-pat-eleanor-whitfield-/);
  });

  it('gives every message a recording the inbox can play', async () => {
    // Act
    const opened = await Promise.all(demo.messages.map((message) => demo.service.message(CLINICIAN, message.noteId)));
    const part = await demo.service.audio(CLINICIAN, demo.messages[0]?.noteId as string, { start: 0, end: 43 });
    // Assess
    expect(opened.map((message) => message?.hasAudio)).toEqual([true, true, true]);
    expect(part).toMatchObject({ contentType: 'audio/wav', start: 0, end: 43 });
    expect(part?.totalBytes).toBeGreaterThan(16_000);
  });

  it('lets staff file the kept message under one of its patient’s encounters', async () => {
    // Prepare
    const kept = demo.messages.find((message) => message.kind === 'keptForStaff');
    const [choice] = await demo.service.encounters(CLINICIAN, kept?.noteId as string);
    // Act
    const filed = await demo.service.fileKept(CLINICIAN, kept?.noteId as string, choice?.id as string);
    // Assess
    expect(filed.documentReferenceId).toEqual(expect.any(String));
    expect((await demo.service.message(CLINICIAN, kept?.noteId as string))?.filing.state).toBe('filed');
  });

  it('removes its recordings when stopped', async () => {
    // Prepare
    const other = await startInboxDemo({ calls: INBOX_DEMO_CALLS.slice(0, 1) });
    const written = readdirSync(other.recordingsDirectory);
    // Act
    await other.stop();
    // Assess
    expect(written).toHaveLength(1);
    expect(existsSync(other.recordingsDirectory)).toBe(false);
  });
});

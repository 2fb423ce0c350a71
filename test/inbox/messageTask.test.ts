/**
 * The message page shows the message's Amazon Connect task: the contact id an agent finds it by, or
 * "no task" with why (rendered on the server, the words escaped like every value).
 */
import { describe, expect, it } from 'vitest';
import type { InboxMessage } from '../../fulfillment/inbox/ports';
import { messagePage } from '../../fulfillment/inbox/web/pages/message';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { CLINICIAN, messageOf } from '../support/inboxFixtures';

async function pageWith(task: InboxMessage['task']): Promise<string> {
  const note = await messageOf(SCENARIOS.eleanor.patientId, 'I have had a dry cough for three days.');
  const message: InboxMessage = {
    noteId: note.noteId,
    receivedAt: note.createdAt,
    note,
    patient: { id: SCENARIOS.eleanor.patientId },
    filing: { state: 'pending' },
    ...(task ? { task } : {}),
    timeline: [],
    hasAudio: false,
  };
  return String(await messagePage({ signedIn: { clinician: CLINICIAN, csrfToken: 'csrf' }, message, timeZone: 'America/Chicago' }));
}

describe('the message page\'s task line', () => {
  it('names the task\'s contact id once it is created', async () => {
    expect(await pageWith({ state: 'created', contactId: 'task-contact-7' })).toContain('Amazon Connect task: contact <span class="task-contact">task-contact-7</span>.');
  });

  it('says "no task" and why after the last failed attempt, and "not created yet" while it is retried', async () => {
    // Act
    const none = await pageWith({ state: 'none', reason: 'Creating it failed 5 times <last>.' });
    const pending = await pageWith({ state: 'pending' });
    // Assess
    expect(none).toContain('Amazon Connect task: <strong>no task</strong>. Creating it failed 5 times &lt;last&gt;.');
    expect(pending).toContain('<strong>not created yet</strong>');
    expect(await pageWith(undefined)).not.toContain('Amazon Connect task');
  });
});

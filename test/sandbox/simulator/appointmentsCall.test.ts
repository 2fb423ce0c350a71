/**
 * The bundled appointments call (`npm start -- --script sandbox/simulator/appointments-call.txt`)
 * through the deployed flow and the real handler: the next appointment, the rest on "more", and a
 * change handed to the scheduling queue with the appointment's id as the only contact attribute.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PATIENT_SEARCH_STRATEGY } from '../../../contract';
import { UPCOMING_APPOINTMENT_COUNTS } from '../../../sandbox/data/appointments';
import { DEMO_CALLER } from '../../../sandbox/data/scenarios';
import { playCall } from '../../../sandbox/simulator/flow';
import { localArn } from '../../../sandbox/simulator/localFlow';
import { useLocalRuntime } from '../../support/localRuntime';
import { recorder, scriptOf } from '../../support/callRecorder';

const SCRIPT = readFileSync(new URL('../../../sandbox/simulator/appointments-call.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'));

describe('the bundled appointments call', () => {
  const runtime = useLocalRuntime();

  it('reads the next appointment, the rest on more, and hands the second to the scheduling queue with its id', async () => {
    // Prepare
    const print = recorder();
    const [, second] = await runtime.epic.upcomingAppointments(DEMO_CALLER.patientId);
    // Act
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(SCRIPT), print, searchStrategy: DEFAULT_PATIENT_SEARCH_STRATEGY });
    // Assess
    const transcript = print.heard.join('\n');
    expect(result).toMatchObject({ ending: 'transfer', authResult: 'ok' });
    expect(transcript).toContain(`You have ${UPCOMING_APPOINTMENT_COUNTS.eleanor} upcoming appointments. Your next appointment is`);
    expect(transcript).toContain('This is a video visit.');
    expect(transcript).toContain('Instructions: Please arrive 15 minutes early and bring your medication list.');
    expect(transcript).toContain('I will connect you with our scheduling team about your appointment on');
    expect(result.contactRecord).toMatchObject({
      Attributes: { appointmentId: second?.id },
      QueueArn: localArn('queue', 'SchedulingQueueArn'),
    });
    expect(Object.keys(result.contactRecord.Attributes)).toEqual(['appointmentId']);
    expect(result.path.slice(-4)).toEqual(['set-appointment-id', 'set-scheduling-queue', 'check-hours', 'transfer-to-queue']);
  });

  it('tells a caller who asks for scheduling after hours that the office is closed', async () => {
    // Act
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf(SCRIPT),
      print: recorder(),
      searchStrategy: DEFAULT_PATIENT_SEARCH_STRATEGY,
      clinic: { open: false },
    });
    // Assess
    expect(result.ending).toBe('disconnect');
    expect(result.path.slice(-4)).toEqual(['set-scheduling-queue', 'check-hours', 'closed-message', 'disconnect']);
  });
});

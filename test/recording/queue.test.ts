import { describe, expect, it } from 'vitest';
import { MemoryCaptureQueue } from '../../fulfillment/recording';

describe('what the capture stage hands on', () => {
  it('queues ids only, however much the message object carries', async () => {
    // Prepare
    const queue = new MemoryCaptureQueue();
    const message = { contactId: 'c-1', noteId: 'n-1', patientId: 'patient-1' };
    // Act
    await queue.send(message);
    // Assess
    expect(queue.messages).toEqual([{ contactId: 'c-1', noteId: 'n-1' }]);
  });
});

/**
 * A flow the validator accepts around one action: a message, `action`, then a hang-up; the message
 * moves on to `action`, and every block is placed for the console. `action` should move on to `bye`.
 */
export function flowWith(action: Record<string, unknown>): string {
  const id = String(action['Identifier']);
  return JSON.stringify({
    Version: '2019-10-30',
    StartAction: 'hello',
    Metadata: { ActionMetadata: { hello: { position: { x: 0, y: 0 } }, [id]: { position: { x: 100, y: 0 } }, bye: { position: { x: 200, y: 0 } } } },
    Actions: [
      { Identifier: 'hello', Type: 'MessageParticipant', Parameters: { Text: 'Hello.' }, Transitions: { NextAction: id, Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] } },
      action,
      { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  });
}

/**
 * What goes back to Lex as the intent's slots: Lex refuses the whole response ("Invalid Lambda
 * Response") for one slot it cannot take, so such a slot is sent back empty and asked again.
 */
import { describe, expect, it } from 'vitest';
import type { LexEvent } from '../../fulfillment/lex/event';
import { elicitSlot, type ResponseContext } from '../../fulfillment/lex/response';
import { expectValidLexResponse } from '../support/lexResponseSchema';

function contextWith(slots: Record<string, unknown>): ResponseContext {
  const event = {
    sessionId: 'session-1',
    sessionState: { intent: { name: 'VerifyIdentity', slots, state: 'InProgress' } },
  } as unknown as LexEvent;
  return { event, attributes: {}, speech: false };
}

const scalar = (value: string) => ({ shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } });

describe('slots sent back to Lex', () => {
  it('keeps a slot Lex filled and empties one of an unknown shape or without an interpreted value', () => {
    // Prepare
    const context = contextWith({
      BirthDate: scalar('1948-03-14'),
      FirstName: { ...scalar('eleanor'), shape: 'x'.repeat(5000) },
      LastName: { shape: 'Scalar', value: { originalValue: 'whitfield', resolvedValues: [] } },
      Gender: null,
    });
    // Act
    const response = elicitSlot(context, 'Gender', []);
    // Assess
    expectValidLexResponse({ ...response, messages: [{ contentType: 'PlainText', content: 'Is the sex on your medical record female, male, or other?' }] });
    expect(response.sessionState.intent?.slots).toEqual({ BirthDate: scalar('1948-03-14'), FirstName: null, LastName: null, Gender: null });
  });
});

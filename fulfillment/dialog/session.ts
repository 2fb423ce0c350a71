import type { LexV2Result } from 'aws-lambda';
import { AUTH_RESULTS, IVR_NEXT, SESSION_ATTRIBUTES } from '../../contract';
import { close } from '../lex/response';
import { InvalidSessionToken, type SessionClaims } from '../session';
import type { Turn } from './turn';

/**
 * The verified caller of this turn, or the response that sends them back to verification: a
 * missing, forged, expired or foreign token never yields data.
 */
export async function requireCaller(turn: Turn): Promise<{ claims: SessionClaims } | { response: LexV2Result }> {
  try {
    const claims = await turn.deps.sessions.verify(turn.attributes[SESSION_ATTRIBUTES.sessionToken], {
      sessionId: turn.event.sessionId,
    });
    return { claims };
  } catch (error) {
    if (!(error instanceof InvalidSessionToken)) throw error;
    delete turn.attributes[SESSION_ATTRIBUTES.sessionToken];
    delete turn.attributes[SESSION_ATTRIBUTES.medicationPager];
    delete turn.attributes[SESSION_ATTRIBUTES.medicationPage];
    delete turn.attributes[SESSION_ATTRIBUTES.appointmentPager];
    delete turn.attributes[SESSION_ATTRIBUTES.appointmentPage];
    delete turn.attributes[SESSION_ATTRIBUTES.activeList];
    delete turn.attributes[SESSION_ATTRIBUTES.textOffer];
    delete turn.attributes[SESSION_ATTRIBUTES.textConfirm];
    delete turn.attributes[SESSION_ATTRIBUTES.englishChoice];
    turn.attributes[SESSION_ATTRIBUTES.authResult] = AUTH_RESULTS.failed;
    turn.attributes[SESSION_ATTRIBUTES.ivrNext] = IVR_NEXT.authenticate;
    turn.outcome = `token.${error.reason}`;
    return { response: close(turn, 'Failed', turn.phrases.needVerification()) };
  }
}

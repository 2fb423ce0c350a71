export { InvalidSessionToken, SessionError, SessionStateTooLarge, type InvalidSessionTokenReason } from './errors';
export {
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_MAX_SEALED_LENGTH,
  DEFAULT_SESSION_TTL_SECONDS,
  SESSION_TOKEN_PURPOSE,
  SessionTokenService,
  type SessionBinding,
  type SessionClaims,
  type SessionTokenServiceOptions,
} from './sessionToken';
export { generateSessionKey, parseSessionKey, SESSION_KEY_BYTES } from '../runtime/sessionKey';

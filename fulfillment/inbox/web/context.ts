import type { Clinician, InboxService } from '../ports';
import type { StructuredLogger } from '../../runtime/logger';
import type { InboxAuth } from './auth';
import type { VerifiedIdentity } from './auth/idToken';

/** What the inbox web app is built from. */
export interface InboxAppDeps {
  /** The inbox's operations; the web layer never reads notes, audio or Epic itself. */
  readonly service: InboxService;
  /** Sign-in, session and CSRF settings and keys (`createInboxAuth`). */
  readonly auth: InboxAuth;
  /** IANA time zone the pages show times in (`CLINIC_TIME_ZONE`). */
  readonly clinicTimeZone: string;
  /** Structured logger: ids, outcomes and error names only, never patient data or tokens. */
  readonly logger: StructuredLogger;
  /** Seconds between the list's looks for new messages. @default LIST_REFRESH_SECONDS (20) */
  readonly listRefreshSeconds?: number;
}

/** Hono's environment of the inbox: what the auth middleware puts on the context for the pages. */
export interface InboxEnv {
  Variables: {
    /** The verified ID token's identity. */
    identity: VerifiedIdentity;
    /** The signed-in clinician, from the verified token. */
    clinician: Clinician;
    /** This session's CSRF token, for every form the page renders. */
    csrfToken: string;
  };
}

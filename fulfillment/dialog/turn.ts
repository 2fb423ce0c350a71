import type { LexV2Result } from 'aws-lambda';
import type { CountryCode } from 'libphonenumber-js';
import type { AuditLog } from '../audit';
import type { Clock } from '../runtime/clock';
import type { AppointmentReader, MedicationReader, PatientDirectory, PatientSearchStrategy } from '../epic';
import type { ResponseContext } from '../lex/response';
import type { RefillRequests } from '../refills';
import type { SessionTokenService } from '../session';
import type { ClinicDetails, TextSender } from '../sms';
import type { LockoutStore } from '../verification';
import type { LocaleId } from '../../contract';
import type { Phrases } from './phrases';

/** The Epic operations the dialog uses: Epic's ports, so dialog code never touches HTTP or KMS. */
export type EpicPort = PatientDirectory & MedicationReader & AppointmentReader;

/** Everything a dialog step may use, built once per Lambda container. */
export interface DialogDeps {
  readonly epic: EpicPort;
  readonly sessions: SessionTokenService;
  readonly lockout: LockoutStore;
  /** HMAC key that turns a calling number into an opaque lockout key. */
  readonly lockoutSecret: Uint8Array;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly searchStrategy: PatientSearchStrategy;
  readonly phoneRegion: CountryCode;
  /** Where confirmed refill requests are handed over, to be filed off the call path (no Epic request in the turn). */
  readonly refills: RefillRequests;
  /**
   * Texts to the caller ("text me the details"). Absent, texting is off: no text is offered (in AWS
   * when no origination identity is configured); locally a stand-in prints them.
   */
  readonly texts: TextSender | undefined;
  /** What texts say about the clinic: time zone, street address, name. */
  readonly clinic: ClinicDetails;
}

/** One Lex turn as the dialog sees it: the event, the attributes to send back, the deps and the turn's words. */
export interface Turn extends ResponseContext {
  readonly deps: DialogDeps;
  /**
   * The locale the turn speaks: the event's `bot.localeId`, or the default (`LOCALE_ID`) when the
   * dialog has no catalog for it. Dates and texts are worded in it too.
   */
  readonly locale: LocaleId;
  /** Everything the code hook says, in {@link Turn.locale}'s words. */
  readonly phrases: Phrases;
  /**
   * The turn's deadline: pass it to every Epic call. Once it fires the caller has been offered a
   * person, so a step stops and does nothing more in their name (the code hook answers).
   */
  readonly signal?: AbortSignal;
  /** Short label of what happened, for the turn's log line (never patient data). */
  outcome: string;
}

/** A dialog step: one intent's behaviour. */
export type DialogStep = (turn: Turn) => Promise<LexV2Result>;

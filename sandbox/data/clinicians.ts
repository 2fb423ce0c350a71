/** A user of the local care-team issuer, as an administrator would create one in the Cognito user pool. */
export interface SandboxClinician {
  /** Sign-in name (`cognito:username`), also the `login_hint` that signs this user in at once. */
  readonly username: string;
  /** Stable user id: the ID token's `sub`, what audit events name. */
  readonly sub: string;
  /** The `name` attribute: what the inbox shows. */
  readonly name: string;
  readonly email: string;
  /** User-pool groups (`cognito:groups`). */
  readonly groups: readonly string[];
  /** Who this user is for, one line. */
  readonly note: string;
}

/**
 * The users of the local issuer, by role. All names and addresses are fictional. The first one is
 * who `npm run inbox` signs in.
 */
export const SANDBOX_CLINICIANS = {
  nurse: {
    username: 'nurse.rivera',
    sub: '3fdb8794-0a4d-488a-b10a-0e3a52bf18b8',
    name: 'Alex Rivera, RN',
    email: 'alex.rivera@clinic.example',
    groups: ['care-team'],
    note: 'the care-team nurse who works the inbox (the demo user)',
  },
  doctor: {
    username: 'dr.okafor',
    sub: 'dcb22930-5aa8-442e-bb6f-5c8a0092b095',
    name: 'Dr. Chidi Okafor',
    email: 'chidi.okafor@clinic.example',
    groups: ['clinicians', 'care-team'],
    note: 'a second care-team member, in two groups',
  },
  frontDesk: {
    username: 'front.desk',
    sub: '85288355-9134-41ce-b9b9-4c29cc02dcda',
    name: 'Jordan Lee',
    email: 'jordan.lee@clinic.example',
    groups: ['front-desk'],
    note: 'signs in but is not in the care team: the inbox answers 403',
  },
} as const satisfies Record<string, SandboxClinician>;

/** The sandbox clinicians in sign-in page order. */
export const SANDBOX_CLINICIAN_LIST: readonly SandboxClinician[] = Object.values(SANDBOX_CLINICIANS);

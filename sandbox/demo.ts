import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../fulfillment/runtime/config';
import { createEpicGateway, EpicError, type AdministrativeGender } from '../fulfillment/epic';
import { logger } from '../fulfillment/runtime/logger';
import { generateSessionKey } from '../fulfillment/session';
import { DEMO_CALLER } from './data/scenarios';
import { generateLocalSigningIdentity } from './localKey';
import { startSandbox } from './server';

const USAGE = `npm run demo:epic -- [--caller +16085550142] [--given Eleanor --family Whitfield] [--birth-date YYYY-MM-DD]
                        [--gender female|male|other|unknown] [--fhir-version R4|STU3] [--verbose]

Starts the Epic-like sandbox on loopback, enforcing Epic's Patient search rules as a stock Epic does,
then shows what the fulfillment code does against it: a token exchange (JWT client assertion signed
with a throwaway local key), a patient match for a sample caller with the default search strategy
(EPIC_PATIENT_SEARCH=name), that patient's active medications (with refills left as the order
states them) and upcoming appointments. Defaults to the demo caller of
sandbox/data.`;

const write = (line = '') => process.stdout.write(`${line}\n`);

/** The main job on the embedded default: no AWS account, no Epic, nothing but loopback. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      caller: { type: 'string', default: DEMO_CALLER.callerNumber },
      given: { type: 'string', default: DEMO_CALLER.given },
      family: { type: 'string', default: DEMO_CALLER.family },
      'birth-date': { type: 'string', default: DEMO_CALLER.birthDate },
      gender: { type: 'string', default: DEMO_CALLER.gender },
      'fhir-version': { type: 'string', default: 'R4' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    write(USAGE);
    return 0;
  }
  // Structured logs are the Lambda's; in the demo they stay quiet unless asked for.
  logger.setLogLevel(values.verbose ? 'DEBUG' : 'ERROR');

  const identity = await generateLocalSigningIdentity();
  const clientId = 'clinic-ivr-demo';
  // Epic's minimum data sets enforced (the sandbox's default): the name search needs no relaxation.
  const sandbox = await startSandbox({ clients: [{ clientId, jwks: identity.jwks }] });
  const keyDir = mkdtempSync(join(tmpdir(), 'clinic-ivr-'));
  try {
    const keyFile = join(keyDir, 'signing-key.pem');
    writeFileSync(keyFile, identity.privatePem, { mode: 0o600 });
    const stu3 = values['fhir-version'] === 'STU3';
    const config = loadConfig({
      EPIC_CLIENT_ID: clientId,
      EPIC_TOKEN_URL: sandbox.tokenUrl,
      EPIC_FHIR_BASE_URL: stu3 ? sandbox.fhirStu3BaseUrl : sandbox.fhirR4BaseUrl,
      EPIC_FHIR_VERSION: stu3 ? 'STU3' : 'R4',
      SIGNING_PRIVATE_KEY_PEM_FILE: keyFile,
      SESSION_KEY: generateSessionKey(),
    });
    const epic = createEpicGateway(config);

    write('Clinic IVR: local demo against the Epic-like sandbox (loopback only, no AWS account)');
    write();
    write('1. Sandbox');
    write(`   token URL  ${sandbox.tokenUrl}`);
    write(`   FHIR base  ${config.epic.fhirBaseUrl} (${config.epic.fhirVersion})`);
    write(`   client     ${clientId}, key id ${await identity.signer.keyId()}`);

    write();
    write('2. Token exchange (client assertion RS384 -> access token)');
    const token = await epic.tokens.getToken();
    write(`   access token issued (${token.length} characters, not shown)`);
    await epic.tokens.getToken();
    write(`   second request served from cache: token endpoint called ${sandbox.stats.tokenRequests} time(s)`);

    write();
    write(`3. Patient match (search strategy ${config.epic.patientSearch}: given + family + sex + calling number; every answer re-checked locally, birth date included)`);
    write(`   caller ${values.caller}, ${values.given} ${values.family}, born ${values['birth-date']}, ${values.gender}`);
    const match = await epic.findPatient({
      phone: values.caller as string,
      birthDate: values['birth-date'] as string,
      gender: values.gender as AdministrativeGender,
      given: values.given as string,
      family: values.family as string,
    });
    if (match.kind !== 'matched') {
      write(`   no single match (${match.kind}); the IVR would say so neutrally and offer a person`);
      return 0;
    }
    write(`   matched Patient/${match.patientId}; the IVR greets "${match.givenName ?? 'there'}"`);

    write();
    const medications = await epic.activeMedications(match.patientId);
    write(`4. Active medications (${medications.length})`);
    if (medications.length === 0) write('   none on file');
    medications.forEach((medication, index) => {
      const details = [medication.doseText, medication.instructions].filter(Boolean).join(', ');
      const refills = medication.refillsAllowed === undefined ? '' : ` [refills allowed: ${medication.refillsAllowed}${medication.validUntil ? `, valid until ${medication.validUntil}` : ''}]`;
      write(`   ${index + 1}. ${medication.name}${details ? `: ${details}` : ''}${refills}`);
    });
    write();
    const appointments = await epic.upcomingAppointments(match.patientId);
    write(`5. Upcoming appointments (${appointments.length}; Appointment.Search with _include of practitioner and location)`);
    if (appointments.length === 0) write('   none booked');
    appointments.forEach((appointment, index) => {
      const where = appointment.video ? 'video visit' : [appointment.locationName, appointment.addressLine].filter(Boolean).join(', ');
      const who = [appointment.providerNames.join(' and '), appointment.department].filter(Boolean).join(', ');
      write(`   ${index + 1}. ${appointment.start} (${appointment.status})${who ? `, ${who}` : ''}${where ? `, ${where}` : ''}`);
    });
    write();
    write(`FHIR requests made: ${sandbox.stats.fhirRequests}; token requests: ${sandbox.stats.tokenRequests}`);
    return 0;
  } finally {
    rmSync(keyDir, { recursive: true, force: true });
    await sandbox.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof EpicError || error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`demo failed: ${message}\n`);
    process.exit(1);
  },
);

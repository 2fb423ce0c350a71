import { readFileSync } from 'node:fs';
import {
  ComprehendMedicalClient,
  DetectEntitiesV2Command,
  InferICD10CMCommand,
  InferRxNormCommand,
  InvalidRequestException,
  TooManyRequestsException,
  type DetectEntitiesV2Response,
  type Entity,
  type InferICD10CMResponse,
  type InferRxNormResponse,
} from '@aws-sdk/client-comprehendmedical';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../fulfillment/runtime/clock';
import {
  ComprehendMedicalExtractor,
  DETECT_ENTITIES_MAX_BYTES,
  extractionFromComprehendMedical,
  ExtractionError,
  INFER_MAX_BYTES,
  splitText,
} from '../../fulfillment/notes';

/** Responses shaped as in the Comprehend Medical API reference (Response Syntax of each operation). */
function fixture<T>(name: string): { text: string; response: T } {
  return JSON.parse(readFileSync(new URL(`../fixtures/symptoms/${name}.json`, import.meta.url), 'utf8')) as { text: string; response: T };
}

const comprehend = mockClient(ComprehendMedicalClient);
const noWait: Clock = { now: () => 0, sleep: async () => undefined };
const extractorWith = (maxRetries = 3) =>
  new ComprehendMedicalExtractor({ client: new ComprehendMedicalClient({ region: 'us-east-1' }), clock: noWait, random: () => 0.5, maxRetries });

afterEach(() => {
  comprehend.reset();
});

/** A stand-in model: every "cough" of the request's text, at offsets local to that text. */
function coughsIn(text: string): Entity[] {
  return [...text.matchAll(/cough/g)].map((match, index) => ({
    Id: index,
    Text: 'cough',
    Category: 'MEDICAL_CONDITION',
    Type: 'DX_NAME',
    Score: 0.99,
    BeginOffset: match.index,
    EndOffset: match.index + 5,
    Traits: [{ Name: 'SYMPTOM', Score: 0.9 }],
    Attributes: [],
  }));
}

describe('Comprehend Medical extractor', () => {
  it('sends the transcript to the three operations and keeps their answers as they are (parsed into findings)', async () => {
    // Prepare
    const detect = fixture<DetectEntitiesV2Response>('comprehend-detect-entities-v2');
    const icd10 = fixture<InferICD10CMResponse>('comprehend-infer-icd10cm');
    const rxnorm = fixture<InferRxNormResponse>('comprehend-infer-rxnorm');
    comprehend.on(DetectEntitiesV2Command).resolves(detect.response).on(InferICD10CMCommand).resolves(icd10.response).on(InferRxNormCommand).resolves(rxnorm.response);
    // Act
    const extraction = await extractorWith().extract(detect.text);
    // Assess
    expect(comprehend).toHaveReceivedCommandWith(DetectEntitiesV2Command, { Text: detect.text });
    expect(comprehend).toHaveReceivedCommandWith(InferICD10CMCommand, { Text: detect.text });
    expect(comprehend).toHaveReceivedCommandWith(InferRxNormCommand, { Text: detect.text });
    // One chunk: nothing moved, nothing renumbered; the answers only parsed.
    const parsed = extractionFromComprehendMedical({ entities: detect.response.Entities ?? [], icd10: icd10.response.Entities ?? [], rxnorm: rxnorm.response.Entities ?? [] });
    expect(extraction.findings).toEqual(parsed.findings);
    expect(extraction.icd10).toEqual(parsed.icd10);
    expect(extraction.rxnorm).toEqual(parsed.rxnorm);
    expect(extraction.findings.map((finding) => [finding.id, finding.begin, finding.end])).toEqual(
      (detect.response.Entities ?? []).map((entity) => [entity.Id, entity.BeginOffset, entity.EndOffset]),
    );
  });

  it('splits a long transcript under each documented limit and moves every offset back onto the full text', async () => {
    // Prepare: about 45 kB, many sentences, a cough in each.
    const sentence = 'Since last week my cough keeps me awake at night and the medicine has not helped at all. ';
    const transcript = sentence.repeat(500);
    const expected = transcript.match(/cough/g)?.length ?? 0;
    comprehend
      .on(DetectEntitiesV2Command)
      .callsFake((input: { Text: string }) => ({ Entities: coughsIn(input.Text) }))
      .on(InferICD10CMCommand)
      .callsFake((input: { Text: string }) => ({ Entities: coughsIn(input.Text).map((entity) => ({ ...entity, ICD10CMConcepts: [{ Code: 'R05.9', Score: 0.8 }] })) }))
      .on(InferRxNormCommand)
      .resolves({ Entities: [] });
    // Act
    const extraction = await extractorWith().extract(transcript);
    // Assess: each request under its operation's limit, and cut at a sentence end.
    const detectTexts = comprehend.commandCalls(DetectEntitiesV2Command).map((call) => call.args[0].input.Text ?? '');
    const icd10Texts = comprehend.commandCalls(InferICD10CMCommand).map((call) => call.args[0].input.Text ?? '');
    for (const text of detectTexts) expect(Buffer.byteLength(text)).toBeLessThan(20_000);
    for (const text of icd10Texts) expect(text.length).toBeLessThanOrEqual(10_000);
    for (const text of [...detectTexts, ...icd10Texts]) expect(text).toMatch(/\.$/);
    expect(detectTexts.length).toBe(3);
    expect(icd10Texts.length).toBe(5);
    expect(extraction.findings).toHaveLength(expected);
    expect(extraction.icd10).toHaveLength(expected);
    for (const finding of [...extraction.findings, ...extraction.icd10]) {
      expect(transcript.slice(finding.begin, finding.end)).toBe('cough');
    }
    expect(new Set(extraction.findings.map((finding) => finding.begin)).size).toBe(expected);
    expect(new Set(extraction.findings.map((finding) => finding.id)).size).toBe(expected);
  });

  it('counts bytes, not characters, against the DetectEntitiesV2 limit', () => {
    // Prepare: 3 bytes per character in UTF-8.
    const text = `${'咳'.repeat(9000)} fin.`;
    // Act
    const chunks = splitText(text, DETECT_ENTITIES_MAX_BYTES);
    // Assess
    expect(chunks.length).toBe(2);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk.text)).toBeLessThanOrEqual(DETECT_ENTITIES_MAX_BYTES);
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(text);
    expect(chunks[1]?.start).toBe(6666);
  });

  it('cuts at a space when a window holds no sentence end', () => {
    const words = Array.from({ length: 4000 }, (_, index) => `word${index}`).join(' ');
    const chunks = splitText(words, INFER_MAX_BYTES);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^word\d+( word\d+)*$/);
    expect(chunks.map((chunk) => chunk.text).join(' ')).toBe(words);
  });

  it('retries throttling a bounded number of times, then succeeds', async () => {
    // Prepare
    const throttled = new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} });
    comprehend.on(DetectEntitiesV2Command).rejectsOnce(throttled).rejectsOnce(throttled).resolves({ Entities: coughsIn('a cough') });
    comprehend.on(InferICD10CMCommand).resolves({ Entities: [] }).on(InferRxNormCommand).resolves({ Entities: [] });
    // Act
    const extraction = await extractorWith(3).extract('a cough');
    // Assess
    expect(comprehend).toHaveReceivedCommandTimes(DetectEntitiesV2Command, 3);
    expect(extraction.findings).toHaveLength(1);
  });

  it('gives up with a named error after the last retry, and does not retry a bad request', async () => {
    // Prepare
    comprehend.on(DetectEntitiesV2Command).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }));
    comprehend.on(InferICD10CMCommand).rejects(new InvalidRequestException({ message: 'bad', $metadata: {} }));
    comprehend.on(InferRxNormCommand).resolves({ Entities: [] });
    // Act
    const attempt = extractorWith(2).extract('persistent cough');
    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ExtractionError);
    await expect(attempt).rejects.not.toThrow(/cough/);
    expect(comprehend).toHaveReceivedCommandTimes(InferICD10CMCommand, 1);
  });

  it('turns the API\'s code-point offsets into string indexes after a character outside the BMP', async () => {
    // Prepare: the emoji is one code point for Comprehend Medical, two UTF-16 units for JavaScript.
    const text = 'Feeling 🤒 and a cough';
    const begin = Array.from(text.slice(0, text.indexOf('cough'))).length;
    comprehend.on(DetectEntitiesV2Command).resolves({ Entities: [{ ...coughsIn('cough')[0], BeginOffset: begin, EndOffset: begin + 5 }] });
    comprehend.on(InferICD10CMCommand).resolves({ Entities: [] }).on(InferRxNormCommand).resolves({ Entities: [] });
    // Act
    const [finding] = (await extractorWith().extract(text)).findings;
    // Assess
    expect(text.slice(finding?.begin, finding?.end)).toBe('cough');
  });

  it('calls nothing for an empty transcript', async () => {
    expect(await extractorWith().extract('   ')).toEqual({ findings: [], icd10: [], rxnorm: [] });
    expect(comprehend.calls()).toHaveLength(0);
  });
});

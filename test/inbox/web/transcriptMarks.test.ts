import { describe, expect, it } from 'vitest';
import { markTranscript } from '../../../fulfillment/inbox/web/transcriptMarks';
import { buildSymptomNote, LocalVocabularyExtractor, type SymptomNote } from '../../../fulfillment/notes';

const extractor = new LocalVocabularyExtractor();

async function noteOf(transcript: string): Promise<SymptomNote> {
  const extraction = await extractor.extract(transcript);
  return buildSymptomNote({ noteId: 'note-1', contactId: 'contact-1', patientId: 'pat-1', transcript, extraction, createdAt: '2025-03-04T15:20:00.000Z', minIcd10Score: 0.5 });
}

describe('marking the transcript', () => {
  it('marks symptoms, denied findings, medications with RxNorm and durations, and keeps every word', async () => {
    // Prepare
    const transcript = 'I have had a dry cough for three days and a mild headache, but no fever. I take metformin twice a day.';
    const note = await noteOf(transcript);
    // Act
    const parts = markTranscript(note);
    // Assess
    expect(parts.map((part) => part.text).join('')).toBe(transcript);
    const marked = parts.filter((part) => part.mark).map((part) => [part.text.toLowerCase(), part.mark?.kind]);
    expect(marked).toEqual(expect.arrayContaining([['fever', 'denied'], ['metformin', 'medication'], ['for three days', 'duration']]));
    expect(marked.some(([text, kind]) => kind === 'symptom' && /cough/.test(String(text)))).toBe(true);
    expect(parts.find((part) => part.mark?.kind === 'denied')?.mark?.label).toMatch(/^denied /);
    expect(parts.find((part) => part.mark?.kind === 'medication')?.mark?.label).toMatch(/^medication, RxNorm \d+$/);
  });

  it('keeps the first of two overlapping entities and ignores offsets outside the text', () => {
    // Prepare
    const base = { score: 0.9, context: [], attributes: [], kind: 'symptom' as const, negated: false };
    const note = {
      transcript: 'chest pain today',
      findings: [
        { ...base, text: 'chest pain', begin: 0, end: 10 },
        { ...base, text: 'pain', begin: 6, end: 10 },
        { ...base, text: 'beyond', begin: 12, end: 99 },
      ],
      medications: [],
    };
    // Act
    const parts = markTranscript(note);
    // Assess
    expect(parts).toEqual([{ text: 'chest pain', mark: { kind: 'symptom', label: 'symptom' } }, { text: ' today' }]);
  });

  it('gives an unmarked transcript back as one plain part', () => {
    expect(markTranscript({ transcript: 'hello there', findings: [], medications: [] })).toEqual([{ text: 'hello there' }]);
  });
});

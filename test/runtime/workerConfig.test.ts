import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../fulfillment/runtime/config';
import { minimalEnv } from '../support/configEnv';

const minimal = minimalEnv();

describe('configuration of symptom messages', () => {
  it('applies the documented defaults: threshold 0.5, 30 days, local stores, the day\'s encounter required as on a stock Epic', () => {
    expect(loadConfig(minimal).symptoms).toEqual({
      icd10MinScore: 0.5,
      notesTable: undefined,
      noteRetentionDays: 30,
      notifyTopicArn: undefined,
      authorDisplay: 'Clinic phone line (automated)',
      encounterStrategy: 'sameDay',
      encounterRequired: true,
      noteLoinc: '34109-9',
    });
  });

  it('reads every symptom setting', () => {
    // Act
    const config = loadConfig({
      ...minimal,
      SYMPTOM_ICD10_MIN_SCORE: '0.7',
      SYMPTOM_NOTES_TABLE_NAME: 'clinic-ivr-symptom-notes',
      SYMPTOM_NOTE_RETENTION_DAYS: '14',
      SYMPTOM_NOTIFY_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:clinic-ivr-symptom-notes',
      SYMPTOM_NOTE_AUTHOR: 'Example Clinic phone line',
      SYMPTOM_ENCOUNTER_STRATEGY: 'none',
      SYMPTOM_ENCOUNTER_REQUIRED: 'false',
      SYMPTOM_NOTE_LOINC: '11506-3',
    });
    // Assess
    expect(config.symptoms).toEqual({
      icd10MinScore: 0.7,
      notesTable: 'clinic-ivr-symptom-notes',
      noteRetentionDays: 14,
      notifyTopicArn: 'arn:aws:sns:us-east-1:111122223333:clinic-ivr-symptom-notes',
      authorDisplay: 'Example Clinic phone line',
      encounterStrategy: 'none',
      encounterRequired: false,
      noteLoinc: '11506-3',
    });
  });

  it('names a bad threshold and a topic that is not an SNS ARN', () => {
    const attempt = () => loadConfig({ ...minimal, SYMPTOM_ICD10_MIN_SCORE: '1.5', SYMPTOM_NOTIFY_TOPIC_ARN: 'clinic-notes' });
    expect(attempt).toThrow(/SYMPTOM_ICD10_MIN_SCORE/);
    expect(attempt).toThrow(/SYMPTOM_NOTIFY_TOPIC_ARN must be an SNS topic ARN/);
  });

  it('names a note type that is not a LOINC code', () => {
    expect(() => loadConfig({ ...minimal, SYMPTOM_NOTE_LOINC: 'Patient Note' })).toThrow(/SYMPTOM_NOTE_LOINC must be a LOINC code/);
  });
});

/**
 * The notes table's inbox index as CloudFormation gets it, and the pipeline's give-up count as the
 * inbox reads it (a note is "failed" after as many failed deliveries as the capture queue receives).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_ATTEMPTS } from '../../fulfillment/filing';
import { INBOX_INDEX_PROJECTION } from '../../fulfillment/notes';
import { arr, obj } from '../support/lexTemplate';
import { resourceById, resources, synthesizeClinicIvr, type SynthesizedApp } from '../support/infraApp';

describe('notes table inbox index', () => {
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    synthesized = synthesizeClinicIvr();
  }, 120_000);

  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  it('adds exactly one global secondary index, on the bucket and the sort key, projecting the list row only', () => {
    // Act
    const table = resourceById(synthesized.template, 'AWS::DynamoDB::Table', 'StorageNotesTable');
    const indexes = arr(table.props['GlobalSecondaryIndexes']);
    // Assess: one index (CloudFormation adds one per update to a deployed table), under the deployed logical id
    expect(table.id).toBe('StorageNotesTable26B10263');
    expect(indexes).toEqual([
      {
        IndexName: 'inbox',
        KeySchema: [
          { AttributeName: 'inboxBucket', KeyType: 'HASH' },
          { AttributeName: 'inboxSort', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INBOX_INDEX_PROJECTION] },
      },
    ]);
    expect(arr(table.props['AttributeDefinitions'])).toEqual(
      expect.arrayContaining([
        { AttributeName: 'inboxBucket', AttributeType: 'S' },
        { AttributeName: 'inboxSort', AttributeType: 'S' },
      ]),
    );
    expect(INBOX_INDEX_PROJECTION).not.toContain('note');
  });

  it('keeps the notes TTL and the table key unchanged', () => {
    // Act
    const table = resourceById(synthesized.template, 'AWS::DynamoDB::Table', 'StorageNotesTable');
    // Assess
    expect(table.props['KeySchema']).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(table.props['TimeToLiveSpecification']).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('counts a note failed after as many failed deliveries as the capture queue receives its message', () => {
    // Act
    const counts = resources(synthesized.template, 'AWS::SQS::Queue')
      .map((queue) => obj(queue.props['RedrivePolicy'] ?? {})['maxReceiveCount'])
      .filter((count) => count !== undefined);
    // Assess
    expect(counts).toEqual([DELIVERY_ATTEMPTS]);
  });
});

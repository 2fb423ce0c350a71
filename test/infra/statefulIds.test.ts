import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arr, obj } from '../support/lexTemplate';
import type { SynthesizedApp } from '../support/infraApp';
import { resources, synthesizeClinicIvr } from '../support/infraApp';

/** One entry of `infra/stateful-logical-ids.json`. */
interface StatefulId {
  readonly type: string;
  readonly logicalId: string;
}

/** The committed list: the guarded resource types, and each resource of them as deployed. */
function committedList(): { readonly types: readonly string[]; readonly ids: readonly StatefulId[] } {
  const file = obj(JSON.parse(readFileSync(new URL('../../infra/stateful-logical-ids.json', import.meta.url), 'utf8')));
  return {
    types: arr(file['types']).map(String),
    ids: arr(file['resources']).map((entry) => {
      const { type, logicalId } = obj(entry);
      return { type: String(type), logicalId: String(logicalId) };
    }),
  };
}

/** `type logicalId`, for readable failures. */
function label(id: StatefulId): string {
  return `${id.type} ${id.logicalId}`;
}

describe('stateful logical ids', () => {
  let synthesized: SynthesizedApp;
  const committed = committedList();

  beforeAll(() => {
    synthesized = synthesizeClinicIvr();
  }, 60_000);

  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  it('keeps every listed resource under its deployed logical id and type', () => {
    // Act
    const inTemplate = new Set(resources(synthesized.template).map((resource) => label({ type: resource.type, logicalId: resource.id })));
    // Assess: a missing id means CloudFormation would create a new, empty resource and drop the old one
    expect(committed.ids.map(label).filter((id) => !inTemplate.has(id))).toEqual([]);
  });

  it('lists every resource of a guarded type, so a new one is added to the list on purpose', () => {
    // Act
    const listed = new Set(committed.ids.map(label));
    const guarded = resources(synthesized.template).filter((resource) => committed.types.includes(resource.type));
    // Assess
    expect(guarded.map((resource) => label({ type: resource.type, logicalId: resource.id })).filter((id) => !listed.has(id))).toEqual([]);
  });

  it('guards at least the tables, keys, buckets, log groups, parameters, secrets, queues, topics and the backup vault', () => {
    // Assess
    expect(committed.types).toEqual(
      expect.arrayContaining([
        'AWS::DynamoDB::Table',
        'AWS::KMS::Key',
        'AWS::S3::Bucket',
        'AWS::Logs::LogGroup',
        'AWS::SSM::Parameter',
        'AWS::SecretsManager::Secret',
        'AWS::SQS::Queue',
        'AWS::SNS::Topic',
        'AWS::Backup::BackupVault',
      ]),
    );
    for (const id of committed.ids) expect(committed.types, label(id)).toContain(id.type);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidContactIdError } from '../../../fulfillment/recording';
import { FileRecordingStore, toWav16k } from '../../../fulfillment/recording/audio';
import { CONTACT_A, temporaryFolder } from '../../support/audioFixtures';

const wav = toWav16k(Int16Array.from({ length: 400 }, (_, i) => (i % 40) * 100), 8000);

describe('FileRecordingStore (local mode)', () => {
  let folder: ReturnType<typeof temporaryFolder>;

  beforeEach(() => {
    folder = temporaryFolder();
  });

  afterEach(() => {
    folder.remove();
  });

  it('finds a recording after putting it, as one file named after the contact', async () => {
    // Prepare
    const store = new FileRecordingStore(folder.path);
    // Act
    const put = await store.put(CONTACT_A, wav);
    await store.put(CONTACT_A, wav);
    const found = await store.find(CONTACT_A);
    // Assess
    expect(found).toEqual(put);
    expect(put).toMatchObject({ key: `recordings/${CONTACT_A}.wav`, uri: expect.stringMatching(new RegExp(`^file://.*/${CONTACT_A}\\.wav$`)), sampleCount: 800 });
    expect(folder.files()).toEqual([`${CONTACT_A}.wav`]);
  });

  it('finds nothing for a contact never recorded', async () => {
    // Act
    const found = await new FileRecordingStore(folder.path).find(CONTACT_A);
    // Assess
    expect(found).toBeUndefined();
  });

  it('refuses a contact id that is a path', async () => {
    // Act
    const put = new FileRecordingStore(folder.path).put('../../outside', wav);
    // Assess
    await expect(put).rejects.toThrow(InvalidContactIdError);
    expect(folder.files()).toEqual([]);
  });
});

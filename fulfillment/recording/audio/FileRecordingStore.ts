import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RecordingStoreError } from '../errors';
import { errorName } from '../../runtime/errors';
import { RECORDING_KEY_PREFIX } from './constants';
import { recordingFileName } from './recordingKey';
import type { RecordingStore, StoredRecording } from './types';
import { readWavInfo } from './wav';

/**
 * LOCAL MODE: {@link RecordingStore} in a folder, one `<contactId>.wav` per contact. A WAV is written
 * to a temporary name and renamed, so a crash never leaves half a file that `find` would report.
 *
 * @example
 * const store = new FileRecordingStore(); // .local/recordings
 * const { uri } = await store.put(contactId, wav); // file:///…/.local/recordings/<contactId>.wav
 */
export class FileRecordingStore implements RecordingStore {
  readonly #directory: string;

  /** @param directory where recordings go. @default '.local/recordings' */
  public constructor(directory = '.local/recordings') {
    this.#directory = resolve(directory);
  }

  public async put(contactId: string, wav: Uint8Array): Promise<StoredRecording> {
    const name = recordingFileName(contactId);
    const { sampleCount } = readWavInfo(wav);
    const path = join(this.#directory, name);
    const temporary = `${path}.${process.pid}.partial`;
    try {
      await mkdir(this.#directory, { recursive: true });
      await writeFile(temporary, wav);
      await rename(temporary, path);
    } catch (error) {
      throw new RecordingStoreError(`Writing the recording file failed (${errorName(error)})`, { cause: error });
    }
    return { key: `${RECORDING_KEY_PREFIX}${name}`, uri: pathToFileURL(path).href, sampleCount };
  }

  public async find(contactId: string): Promise<StoredRecording | undefined> {
    const name = recordingFileName(contactId);
    const path = join(this.#directory, name);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new RecordingStoreError(`Reading the recording file failed (${errorName(error)})`, { cause: error });
    }
    return { key: `${RECORDING_KEY_PREFIX}${name}`, uri: pathToFileURL(path).href, sampleCount: readWavInfo(bytes).sampleCount };
  }
}

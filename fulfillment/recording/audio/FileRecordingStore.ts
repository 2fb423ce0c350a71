import { mkdir, open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RecordingStoreError } from '../errors';
import { errorName } from '../../runtime/errors';
import { RECORDING_KEY_PREFIX } from './constants';
import { byteSpan, checkRange } from './ranges';
import { recordingFileName } from './recordingKey';
import type { RecordingPart, RecordingRange, RecordingReader, RecordingStore, StoredRecording } from './types';
import { readWavInfo } from './wav';

/**
 * LOCAL MODE: {@link RecordingStore} in a folder, one `<contactId>.wav` per contact. A WAV is written
 * to a temporary name and renamed, so a crash never leaves half a file that `find` would report. Read
 * back for the inbox ({@link RecordingReader}) as a stream of the range asked.
 *
 * @example
 * const store = new FileRecordingStore(); // .local/recordings
 * const { uri } = await store.put(contactId, wav); // file:///…/.local/recordings/<contactId>.wav
 */
export class FileRecordingStore implements RecordingStore, RecordingReader {
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

  public async read(contactId: string, range?: RecordingRange): Promise<RecordingPart | undefined> {
    checkRange(range);
    const path = join(this.#directory, recordingFileName(contactId));
    // Opened here, not lazily by the stream: a missing file is `undefined` now, and the stream holds the file it sized.
    let file: FileHandle;
    let size: number;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new RecordingStoreError(`Reading the recording file failed (${errorName(error)})`, { cause: error });
    }
    try {
      size = (await file.stat()).size;
      const { start, end } = byteSpan(size, range);
      return { contentType: 'audio/wav', totalBytes: size, start, end, body: file.createReadStream({ start, end }) };
    } catch (error) {
      await file.close();
      if (error instanceof RangeError) throw error;
      throw new RecordingStoreError(`Reading the recording file failed (${errorName(error)})`, { cause: error });
    }
  }
}

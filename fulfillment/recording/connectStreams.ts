/**
 * Which Kinesis video streams a flow may name as the caller's audio: only those Amazon Connect
 * creates for this deployment's instance. The flow's `MediaStreams.Customer.Audio.StreamARN` is
 * stored in the job and read by the recording worker, so an ARN of another account, region or
 * instance must never get that far (the worker would read, or try to read, someone else's audio).
 */

/** The streams Connect creates for the instance, in the instance's partition, region and account. */
export interface ConnectStreams {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  /**
   * What every stream name begins with: `<prefix>-connect-<instance alias>-contact-`, the prefix
   * being the one set in the instance's live media streaming (config `KVS_STREAM_NAME_PREFIX`).
   */
  readonly namePrefix: string;
}

/** Why a stream ARN is refused: a reason safe to log (it names no account, region or stream). */
export type StreamRefusal = 'streamNotKinesisVideo' | 'streamOtherPartition' | 'streamOtherRegion' | 'streamOtherAccount' | 'streamOtherPrefix';

// The StreamARN pattern of the Kinesis Video Streams API ("DescribeStream", Amazon Kinesis Video
// Streams, https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_DescribeStream.html):
// arn:[a-z\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+, here with the
// resource type `stream` and a 12-digit account.
const STREAM_ARN = /^arn:([a-z\d-]+):kinesisvideo:([a-z0-9-]+):(\d{12}):stream\/([a-zA-Z0-9_.-]{1,256})\/(\d+)$/;
const INSTANCE_ARN = /^arn:([a-z\d-]+):connect:([a-z0-9-]+):(\d{12}):instance\/[A-Za-z0-9-]{1,100}$/;

/**
 * The instance's streams: Connect creates them in the instance's own account and region
 * (`infra/lib/MediaStreams.ts` grants the worker exactly that ARN pattern).
 *
 * @throws {TypeError} when `instanceArn` is not an Amazon Connect instance ARN or `namePrefix` is empty
 * @example
 * connectStreamsOf('arn:aws:connect:us-east-1:111122223333:instance/9e2f…', 'clinic-ivr-connect-my-clinic-contact-')
 * // { partition: 'aws', region: 'us-east-1', account: '111122223333', namePrefix: 'clinic-ivr-connect-my-clinic-contact-' }
 */
export function connectStreamsOf(instanceArn: string, namePrefix: string): ConnectStreams {
  const match = INSTANCE_ARN.exec(instanceArn);
  if (!match) throw new TypeError('connectStreamsOf needs an Amazon Connect instance ARN');
  if (!/^[a-zA-Z0-9_.-]{1,256}$/.test(namePrefix)) throw new TypeError('connectStreamsOf needs a stream name prefix of [a-zA-Z0-9_.-]');
  const [, partition = '', region = '', account = ''] = match;
  return { partition, region, account, namePrefix };
}

/**
 * Why `streamArn` is not one of `streams`, or `undefined` when it is.
 *
 * @example
 * const refusal = refuseStream(audio.streamArn, deps.connectStreams); // 'streamOtherAccount'
 */
export function refuseStream(streamArn: string, streams: ConnectStreams): StreamRefusal | undefined {
  const match = STREAM_ARN.exec(streamArn);
  if (!match) return 'streamNotKinesisVideo';
  const [, partition, region, account, name = ''] = match;
  if (partition !== streams.partition) return 'streamOtherPartition';
  if (account !== streams.account) return 'streamOtherAccount';
  if (region !== streams.region) return 'streamOtherRegion';
  if (!name.startsWith(streams.namePrefix)) return 'streamOtherPrefix';
  return undefined;
}

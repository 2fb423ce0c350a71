import { MemoryCaptureJobStore } from '../../../fulfillment/recording';
import { runCaptureJobStoreContract } from '../../support/captureJobStoreContract';

runCaptureJobStoreContract('memory', () => new MemoryCaptureJobStore());

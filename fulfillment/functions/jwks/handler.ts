import { KMSClient } from '@aws-sdk/client-kms';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { createJwksHandler } from '../../epic/jwksEndpoint';
import { readJwksEnv } from '../../runtime/config';
import { coldStart } from '../../runtime/coldStart';

const served = coldStart(async () => createJwksHandler(readJwksEnv(), new KMSClient({})));

/** Lambda entry point: `SIGNING_KMS_KEY_ID`, plus `NEXT_SIGNING_KMS_KEY_ID` during a rotation. */
export const handler = async (): Promise<APIGatewayProxyResultV2> => (await served())();

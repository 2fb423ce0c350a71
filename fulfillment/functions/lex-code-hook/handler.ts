import { createHandler, type LexHandler } from '../../dialog/codeHook';
import { loadConfigFromAws } from '../../runtime/configSource';
import { depsFromConfig } from './deps';

/** The Lambda entry point. Configuration is read at cold start, once. */
export const handler: LexHandler = createHandler(async () => depsFromConfig(await loadConfigFromAws()));


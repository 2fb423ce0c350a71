import { createHandler, type LexHandler } from '../../dialog/codeHook';
import { loadConfigFromAws } from '../../runtime/configSource';
import { lowerBackgroundThreads } from '../../runtime/threadPriority';
import { depsFromConfig } from './deps';

// At cold start, before any turn: V8's and libuv's threads yield the CPU to the thread serving turns.
lowerBackgroundThreads();

/** The Lambda entry point. Configuration is read at cold start, once. */
export const handler: LexHandler = createHandler(async () => depsFromConfig(await loadConfigFromAws()));


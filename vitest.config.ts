import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Passing tests print nothing: the code's log lines are shown only for a test that fails.
    setupFiles: ['test/support/quietOutput.ts'],
    // The same for console output (CDK's own warnings during synthesis): only failed tests show theirs.
    silent: 'passed-only',
    // CDK synthesis with both nag packs takes 12-15 s alone and several files synthesize at once;
    // on a loaded two-core machine a 20 s bound failed a correct test. Still a bound, not a wait.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Servers bind to loopback on free ports, so test files can run in parallel safely.
    pool: 'forks',
    // The JSON report lets .ci/run print the plain `N passed, N failed` line CI reads.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});

import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The inner loop: unit and render tests only. Left out are the tests that start a bot, a simulated
 * exchange or a child process, which `npm test` still runs.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: [
        'test/e2e/**',
        'test/sim/**',
        'test/cli/**',
        // these start the simulated exchanges
        'test/exchanges/account-modes.test.ts',
        'test/exchanges/canary.test.ts',
        'test/exchanges/limiter.test.ts',
        'test/exchanges/normalized-validation.test.ts',
        'test/exchanges/request-costs.test.ts',
        'test/exchanges/verdicts.test.ts',
        // these start a child process
        'test/demo.test.ts',
        'test/process-guards.test.ts',
        'test/quick-start.test.ts',
        'test/runtime-layout.test.ts',
        'test/start-failures.test.ts',
        'test/start.test.ts',
        'test/store/lazy-engines.test.ts',
        'test/store/open-failures.test.ts',
      ],
    },
  }),
);

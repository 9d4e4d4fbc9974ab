/** Loaded before every test file: a request that breaks Discord's API specification fails the test that made it. */
import { afterAll, afterEach } from 'vitest';
import { collectViolations, failOnPendingViolations } from './violations.js';

collectViolations();
afterEach(failOnPendingViolations);
afterAll(failOnPendingViolations);

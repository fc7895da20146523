/**
 * Runs in every integration test file: starting four services takes seconds on a busy machine, and no stack
 * may outlive its file, even when a hook timed out while it was starting.
 */
import { closeAllStacks } from './platform';

jest.setTimeout(120_000);

afterAll(closeAllStacks);

/**
 * Runs in every unit test file: tests that open a store on PostgreSQL or build a season of data take seconds
 * on a busy shared machine, which jest's five-second default does not allow for.
 */
jest.setTimeout(60_000);

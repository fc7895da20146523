import type { KnipConfig } from 'knip';
import config from './knip.config';

/**
 * The second pass of `npm run lint:exports`: the same project without each package's own unit tests, so an
 * export that only those tests use is reported, unless it is tagged `@internal` (a seam the tests need on
 * purpose: a limit they test at, a pure step they test alone, an error class they expect). The integration
 * tests (`test/`) and the benches use packages through their exports like any workspace, and still count.
 * Run it with `--exports`: files and dependencies only the tests use are the first pass's to judge.
 */
const PACKAGES = [
  'contracts',
  'kit',
  'schema',
  'subgraphs/*',
  'subgraphs/telemetry',
  'gateway',
  'stack',
  'portal',
];

const workspaces = { ...config.workspaces };
for (const name of PACKAGES) {
  const workspace = workspaces[name] ?? {};
  const project = typeof workspace.project === 'string' ? [workspace.project] : (workspace.project ?? []);
  workspaces[name] = { ...workspace, jest: false, project: [...project, '!**/*.test.ts'] };
}

// The root's Jest config names every package's tests; its setup files are entries in their own right.
const root = workspaces['.'] ?? {};
const rootEntry = typeof root.entry === 'string' ? [root.entry] : (root.entry ?? []);
workspaces['.'] = { ...root, jest: false, entry: [...rootEntry, 'test/support/{setup,timeouts}.ts'] };

export default { ...config, tags: ['-internal'], workspaces } satisfies KnipConfig;

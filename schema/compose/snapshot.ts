/**
 * `npm run schema:snapshot -- <version>` records the public API of the committed supergraph as a released
 * version in `schema/history/`, the baseline the portal's changelog and `npm run schema:check` compare the
 * next changes against. Breaking changes need a version that may break clients (see `versionMayBreak`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  checkApiSchema,
  compareVersions,
  HISTORY_DIR,
  isVersion,
  printApiSchema,
  readReleases,
  nextBreakingVersion,
  snapshotText,
  versionMayBreak,
} from '@meridian/schema/tooling';
import { SUPERGRAPH_FILE } from './compose';

async function main(): Promise<void> {
  const version = process.argv[2] ?? '';
  if (!isVersion(version)) throw new Error(`usage: npm run schema:snapshot -- <major.minor.patch>`);
  const releases = readReleases();
  const latest = releases.at(-1);
  if (latest && compareVersions(version, latest.version) <= 0) {
    throw new Error(`version ${version} must be newer than the latest release, ${latest.version}`);
  }
  const sdl = printApiSchema(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
  if (latest?.sdl === sdl) throw new Error(`the API has not changed since ${latest.version}`);
  const { breaking } = await checkApiSchema(sdl, releases);
  if (latest && breaking.length > 0 && !versionMayBreak(latest.version, version)) {
    const changes = breaking.length === 1 ? 'change' : 'changes';
    throw new Error(
      `${breaking.length} breaking ${changes} since ${latest.version}: this release must be ` +
        `${nextBreakingVersion(latest.version)} or later:\n${breaking.map((change) => `  ${change.message}`).join('\n')}`,
    );
  }
  const file = path.join(HISTORY_DIR, `${version}.graphql`);
  fs.mkdirSync(HISTORY_DIR, { recursive: true });
  fs.writeFileSync(file, snapshotText(version, new Date().toISOString().slice(0, 10), sdl));
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

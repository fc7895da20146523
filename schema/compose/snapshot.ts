/**
 * `npm run schema:snapshot -- <version>` records the public API of the committed supergraph as a released
 * version in `schema/history/`, the baseline the portal's changelog compares the next changes against.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  compareVersions,
  HISTORY_DIR,
  isVersion,
  printApiSchema,
  readReleases,
  snapshotText,
} from '@meridian/schema';
import { SUPERGRAPH_FILE } from './compose';

function main(): void {
  const version = process.argv[2] ?? '';
  if (!isVersion(version)) throw new Error(`usage: npm run schema:snapshot -- <major.minor.patch>`);
  const releases = readReleases();
  const latest = releases.at(-1);
  if (latest && compareVersions(version, latest.version) <= 0) {
    throw new Error(`version ${version} must be newer than the latest release, ${latest.version}`);
  }
  const sdl = printApiSchema(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
  if (latest?.sdl === sdl) throw new Error(`the API has not changed since ${latest.version}`);
  const file = path.join(HISTORY_DIR, `${version}.graphql`);
  fs.mkdirSync(HISTORY_DIR, { recursive: true });
  fs.writeFileSync(file, snapshotText(version, new Date().toISOString().slice(0, 10), sdl));
  console.log(`wrote ${file}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

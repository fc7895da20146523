#!/usr/bin/env node
/**
 * `npm run import -w @meridian/matches -- <format> <files…>`: reads provider files and writes the match into
 * the store named by the service's configuration (DATA_DIR). A file that fails to parse writes nothing.
 *
 * Formats, files in any order:
 *   skillcorner <match.json> [tracking.jsonl] [dynamic_events.csv] [phases_of_play.csv]
 *   pff <metadata.json> <rosters.json> <tracking.jsonl>
 *   metrica [events.csv] [home tracking.csv] [away tracking.csv]
 */
import 'reflect-metadata';
import path from 'node:path';
import { invocationDir, loadConfig } from '../config';
import { seedIfEmpty } from '../seed';
import { openMatchesStore } from '../store';
import type { MatchBundle } from './bundle';
import { ImportError } from './errors';
import { classifyMetricaFiles, importMetrica } from './metrica';
import { classifyPffFiles, importPff } from './pff';
import { classifySkillCornerFiles, importSkillCorner } from './skillcorner';
import { ingestMatch } from './write';

const IMPORTERS: Record<string, (files: readonly string[]) => MatchBundle> = {
  skillcorner: (files) => importSkillCorner(classifySkillCornerFiles(files)),
  pff: (files) => importPff(classifyPffFiles(files)),
  metrica: (files) => importMetrica(classifyMetricaFiles(files)),
};

const EXIT_USAGE = 64;
const EXIT_DATA = 65;

async function main(args: readonly string[]): Promise<number> {
  const [format, ...names] = args;
  const files = names.map((name) => path.resolve(invocationDir(), name));
  const importer = format ? IMPORTERS[format] : undefined;
  if (!importer || files.length === 0) {
    process.stderr.write(`usage: import <${Object.keys(IMPORTERS).join('|')}> <files…>\n`);
    return EXIT_USAGE;
  }
  let bundle: MatchBundle;
  try {
    bundle = importer(files);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    process.stderr.write(`rejected: ${error.message}\n`);
    return EXIT_DATA;
  }
  const config = loadConfig();
  const { store } = await openMatchesStore({
    location: config.database,
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, { seed: config.seed, trackedMatches: 0 }),
  });
  try {
    const summary = await ingestMatch(store, bundle);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * `npm run import -w @meridian/telemetry -- cmapss <file> [operator-customer-id]`: imports a C-MAPSS text
 * file into the store the service uses (DATA_DIR). A malformed file is refused with its bad lines, and
 * nothing is written.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { demoCustomerIds } from '@meridian/kit';
import { loadConfig } from '../config';
import { openConfiguredStore } from '../server';
import { importCmapss } from './import';
import { CmapssFormatError, parseCmapss } from './parse';

const USAGE = 'usage: npm run import -w @meridian/telemetry -- cmapss <file> [operator-customer-id]';

async function main(argv: readonly string[]): Promise<number> {
  const [format, file, operator] = argv;
  if (format !== 'cmapss' || !file) {
    console.error(USAGE);
    return 2;
  }
  const rows = parseCmapss(fs.readFileSync(file, 'utf8'), file);
  const { store } = await openConfiguredStore(loadConfig());
  try {
    const summary = await importCmapss(store, rows, {
      name: path.basename(file).replace(/\.txt$/, ''),
      operatorId: operator ?? demoCustomerIds('AVIATION')[0]!,
    });
    console.log(
      `imported ${summary.engines} engines, ${summary.flights} flights, ${summary.readings} readings into fleet ${summary.fleetId}`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof CmapssFormatError ? error.message : error);
    process.exit(1);
  },
);

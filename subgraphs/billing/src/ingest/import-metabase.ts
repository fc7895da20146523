/**
 * `npm run import:metabase -w @meridian/billing [-- <folder>]`: replaces the dashboards' shop data in the
 * billing store (the one the service's configuration names) with the Metabase sample dataset. The folder
 * defaults to the shared data next to the checkout.
 */
import 'reflect-metadata';
import path from 'node:path';
import { describeLocation, SHARED_DATA_DIR } from '@meridian/kit';
import { loadConfig } from '../config';
import { seedIfEmpty } from '../seed';
import { openBillingStore } from '../store';
import { readMetabaseSample } from './metabase';

export const DEFAULT_METABASE_DIR = path.join(SHARED_DATA_DIR, 'billing', 'metabase_sample_dataset');

async function main(): Promise<void> {
  const config = loadConfig();
  const dir = path.resolve(process.argv[2] ?? DEFAULT_METABASE_DIR);
  const { store } = await openBillingStore({
    location: config.database,
    seedIfEmpty: (fresh) => seedIfEmpty(fresh, config),
  });
  try {
    const rows = await readMetabaseSample(dir);
    await store.replaceShop(rows);
    const totals = await store.orderTotals();
    console.log(
      `imported ${rows.people.length} people, ${rows.products.length} products and ${totals.orders} orders ` +
        `(total ${(totals.totalCents / 100).toFixed(2)}) from ${dir} into ${describeLocation(config.database)}`,
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error('import failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});

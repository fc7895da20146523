/**
 * `npm run compose` writes `schema/supergraph.graphql`; `npm run compose -- --check` only says whether the
 * committed file is current (exit 1 when it is stale).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { composeSupergraph, readCommittedSupergraph, STALE_SUPERGRAPH, SUPERGRAPH_FILE } from './compose';

async function main(): Promise<void> {
  const supergraph = await composeSupergraph();
  const current = readCommittedSupergraph();
  if (process.argv.includes('--check')) {
    if (current !== supergraph) {
      console.error(STALE_SUPERGRAPH);
      process.exitCode = 1;
    } else console.log(`${SUPERGRAPH_FILE} is current`);
    return;
  }
  fs.writeFileSync(SUPERGRAPH_FILE, supergraph);
  console.log(current === supergraph ? `${SUPERGRAPH_FILE} unchanged` : `wrote ${SUPERGRAPH_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

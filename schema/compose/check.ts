/**
 * `npm run schema:check` composes the subgraphs as they are now and compares the public API with the latest
 * release: every change, classed breaking, dangerous or safe. It fails (exit 1) when a change is breaking,
 * and when the committed supergraph is not what composing gives.
 */
import 'reflect-metadata';
import { checkApiSchema, countChanges, nextBreakingVersion, printApiSchema } from '@meridian/schema/tooling';
import { composeSupergraph, readCommittedSupergraph, STALE_SUPERGRAPH } from './compose';

async function main(): Promise<void> {
  const supergraph = await composeSupergraph();
  const { baseline, changes, breaking } = await checkApiSchema(printApiSchema(supergraph));
  if (!baseline) {
    console.log('no release in schema/history yet: nothing to compare with');
  } else {
    console.log(
      `the public API against release ${baseline.version} (${baseline.released}): ${countChanges(changes)}`,
    );
    const width = Math.max(0, ...changes.map((change) => change.class.length));
    for (const change of changes) {
      const reason = change.reason ? ` (${change.reason})` : '';
      console.log(`  ${change.class.padEnd(width)}  ${change.message}${reason}`);
    }
  }
  if (readCommittedSupergraph() !== supergraph) {
    console.error(STALE_SUPERGRAPH);
    process.exitCode = 1;
  }
  if (baseline && breaking.length > 0) {
    const one = breaking.length === 1;
    console.error(
      `${breaking.length} breaking ${one ? 'change' : 'changes'}: operations that work against ` +
        `${baseline.version} would fail. Undo ${one ? 'it' : 'them'}, or release ${one ? 'it' : 'them'} as a ` +
        `version that may break clients: npm run schema:snapshot -- ${nextBreakingVersion(baseline.version)}`,
    );
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

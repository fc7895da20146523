/**
 * The gateway edge benchmark: `npm run bench:edge` (README.md beside this file lists the knobs). On the
 * committed supergraph and the platform's own three subgraphs, in one run, it prints
 *   1. throughput of a realistic mix, and of many clients polling the same few queries, through bare Apollo
 *      (alone and with Meridian's fetcher), Meridian's gateway with every edge feature on (with and without
 *      deduplication) and Hive Gateway (with and without its deduplication), with their ratios;
 *   2. the edge's own cost per request in µs, stage by stage, cached and uncached;
 *   3. the gateway's memory through 100,000 requests over 10,000 keys and 1,000 operations, with the
 *      configured cache and a smaller key cache.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBenchKeys, createBenchPlan } from './accounts';
import { loadBenchConfig } from './config';
import {
  startApollo,
  startHive,
  startMeridian,
  startSubgraphs,
  writeSupergraph,
  type Gateway,
} from './gateways';
import { printMemory, runMemory } from './memory';
import { MIX, requestBody } from './operations';
import type { BenchProcess } from './processes';
import { printStages, runStages } from './stages';
import { printThroughput, runThroughput } from './throughput';

async function main(): Promise<void> {
  const config = loadBenchConfig();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-bench-edge-'));
  const started: BenchProcess[] = [];
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: path.join(dir, 'data'),
    // The live demo feeds would compete with the measured requests for the two cores.
    TELEMETRY_STREAM_RATE_HZ: '0',
  };
  console.log(
    `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}; load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; node ${process.version}`,
  );
  try {
    const subgraphs = await startSubgraphs(env, config.verbose);
    started.push(...subgraphs.processes);
    const billingUrl = subgraphs.urls.billing.replace(/\/graphql$/, '');
    const planId = await createBenchPlan(billingUrl);
    const [benchKey] = await createBenchKeys(billingUrl, planId, 1);
    const gatewayEnv = { ...env, SUBGRAPH_URLS: subgraphs.overrides };

    if (config.parts.includes('throughput')) {
      const supergraphFile = writeSupergraph(dir, subgraphs.urls);
      const execArgv = config.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}`] : [];
      const gateways: Gateway[] = [];
      try {
        const { verbose } = config;
        gateways.push(await startApollo(dir, supergraphFile, env, { execArgv, verbose }));
        if (config.gateways.includes('apollo-fetcher')) {
          gateways.push(
            await startApollo(dir, supergraphFile, env, { execArgv, verbose, meridianFetcher: true }),
          );
        }
        if (config.gateways.includes('apollo-kit')) {
          gateways.push(await startApollo(dir, supergraphFile, env, { execArgv, verbose, kitHttp: true }));
        }
        if (config.gateways.includes('meridian')) {
          gateways.push(await startMeridian(gatewayEnv, { execArgv, verbose }));
        }
        if (config.gateways.includes('meridian-nocache')) {
          gateways.push(await startMeridian(gatewayEnv, { execArgv, verbose, sharing: 'in-flight' }));
        }
        if (config.gateways.includes('meridian-nodedup')) {
          gateways.push(await startMeridian(gatewayEnv, { execArgv, verbose, sharing: 'none' }));
        }
        if (config.gateways.includes('hive')) {
          gateways.push(await startHive(supergraphFile, env, { verbose, dir }));
        }
        if (config.gateways.includes('hive-nodedup')) {
          gateways.push(await startHive(supergraphFile, env, { verbose, dir, deduplicate: false }));
        }
        if (config.profileDir) {
          const pids = gateways.map((gateway) => `${gateway.label} ${gateway.process.pid}`);
          console.log(`CPU profiles into ${config.profileDir}, named by process id: ${pids.join(', ')}`);
        }
        const results = [];
        for (const load of config.loads) {
          results.push(
            await runThroughput(
              gateways,
              (gateway): Record<string, string> =>
                gateway.label.startsWith('meridian') ? { 'x-api-key': benchKey! } : {},
              config,
              load,
            ),
          );
        }
        for (const result of results) printThroughput(result, 'apollo', config);
      } finally {
        for (const gateway of gateways) await gateway.process.stop();
      }
    }

    const keys =
      config.parts.includes('stages') || config.parts.includes('memory')
        ? await timed(`creating ${config.memory.keys} API keys`, () =>
            createBenchKeys(billingUrl, planId, config.memory.keys),
          )
        : [];

    if (config.parts.includes('stages')) {
      const meridian = await startMeridian(gatewayEnv, { verbose: config.verbose });
      const answers = await answersOf(meridian, { 'x-api-key': benchKey! }).finally(() =>
        meridian.process.stop(),
      );
      printStages(await runStages({ billingUrl, keys: [benchKey!, ...keys], answers, config, dir }), config);
    }

    if (config.parts.includes('memory')) {
      const runs = [];
      for (const keyCacheSize of [undefined, config.memory.smallKeyCache]) {
        runs.push(await runMemory({ gatewayEnv, keys, keyCacheSize, config }));
      }
      printMemory(runs, config);
    }
  } finally {
    for (const service of started.reverse()) await service.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What each operation of the mix answers, by name. */
async function answersOf(gateway: Gateway, headers: Record<string, string>): Promise<Map<string, unknown>> {
  const answers = new Map<string, unknown>();
  for (const operation of MIX) {
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: requestBody(operation),
    });
    answers.set(operation.name, ((await response.json()) as { data?: unknown }).data);
  }
  return answers;
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

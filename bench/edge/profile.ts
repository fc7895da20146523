/**
 * Where a gateway's CPU went, from the profiles `BENCH_EDGE_PROFILE_DIR` makes (`--cpu-prof`): every sample
 * from the first request on is put down to the nearest Meridian frame on its stack (a file of `gateway/` or
 * `kit/`, but not the HTTP service or the fetcher, which sit under everything), else to the package or Node
 * module of the function it was in, and summed in µs per request answered. Given several profiles, it prints
 * them side by side, then the last minus the first:
 *
 *   node bench/edge/dist/profile.js <apollo-fetcher profile>:<requests> <meridian-nodedup profile>:<requests>
 *
 * Requests are those the gateway answered while profiled: its warm-up's and its rounds' (part 1 prints both).
 * Profiling slows a process down about a third, evenly enough to compare gateways profiled in the same run.
 */
import fs from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Frames that are on every request's stack, so they would swallow everything under them. */
const ENCLOSING = /kit\/http(\/[\w-]+)?$|gateway\/subgraph-fetch$/;
/** A frame of Apollo Server's request pipeline: samples before the first one are the process starting. */
const REQUEST = /processGraphQLRequest/;

function placeOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native ${functionName})`;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1]!;
  if (url.startsWith('node:')) return url;
  const meridian = /\/((?:gateway|kit)\/)(?:dist\/)?(.*)\.js$/.exec(url);
  return meridian ? `meridian ${meridian[1]}${meridian[2]}` : url;
}

/** µs per request by place, and in all. */
function summarise(file: string, requests: number): Map<string, number> {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const stack = function* (id: number | undefined) {
    for (let at = id; at !== undefined; at = parents.get(at)) yield nodes.get(at)!;
  };
  const places = new Map<number, string>();
  const placeOfSample = (id: number): string => {
    let place = places.get(id);
    if (place === undefined) {
      place = placeOf(nodes.get(id)!.callFrame);
      for (const node of stack(id)) {
        const candidate = placeOf(node.callFrame);
        if (candidate.startsWith('meridian ') && !ENCLOSING.test(candidate)) {
          place = candidate;
          break;
        }
      }
      places.set(id, place);
    }
    return place;
  };
  const first = profile.samples.findIndex((id) =>
    [...stack(id)].some((node) => REQUEST.test(node.callFrame.functionName)),
  );
  const totals = new Map<string, number>();
  let busy = 0;
  for (let i = Math.max(first, 0); i < profile.samples.length; i += 1) {
    const place = placeOfSample(profile.samples[i]!);
    if (place === '(idle)') continue;
    // A sample's time is the delta to the next one.
    const micros = profile.timeDeltas[i + 1] ?? 0;
    busy += micros;
    totals.set(place, (totals.get(place) ?? 0) + micros);
  }
  const perRequest = new Map([...totals].map(([place, micros]) => [place, micros / requests]));
  perRequest.set('total', busy / requests);
  return perRequest;
}

function main(): void {
  const specs = process.argv.slice(2);
  if (specs.length === 0) {
    throw new Error('usage: profile.js <profile>:<requests answered> [<profile>:<requests> ...]');
  }
  const columns = specs.map((spec) => {
    const at = spec.lastIndexOf(':');
    const requests = Number(spec.slice(at + 1));
    if (at < 0 || !(requests > 0)) throw new Error(`${spec}: give the requests answered after a colon`);
    return summarise(spec.slice(0, at), requests);
  });
  const places = [...new Set(columns.flatMap((column) => [...column.keys()]))];
  const value = (column: Map<string, number>, place: string) => column.get(place) ?? 0;
  const difference = (place: string) => value(columns.at(-1)!, place) - value(columns[0]!, place);
  places.sort((a, b) => (a === 'total' ? -1 : b === 'total' ? 1 : difference(b) - difference(a)));
  console.log(`µs per request, by profile${columns.length > 1 ? ', then the last minus the first' : ''}`);
  for (const place of places) {
    const figures = columns.map((column) => value(column, place));
    if (Math.max(...figures.map(Math.abs)) < 1) continue;
    const cells = figures.map((figure) => figure.toFixed(1).padStart(9));
    if (columns.length > 1) cells.push(difference(place).toFixed(1).padStart(9));
    console.log(`${cells.join('')}  ${place}`);
  }
}

main();

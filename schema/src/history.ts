/**
 * Released versions of the public API, kept as snapshots in `schema/history/<version>.graphql` (written by
 * `npm run schema:snapshot -- <version>`). The changelog compares consecutive snapshots, and the current
 * supergraph against the latest one, so it never depends on git history (CI clones may be shallow).
 */
import fs from 'node:fs';
import path from 'node:path';

export const HISTORY_DIR = path.join(
  path.dirname(require.resolve('@meridian/schema/package.json')),
  'history',
);

export interface Release {
  readonly version: string;
  /** `YYYY-MM-DD`. */
  readonly released: string;
  /** The API schema as released. */
  readonly sdl: string;
}

const VERSION = /^\d+\.\d+\.\d+$/;
const HEADER = /^# Meridian API (\S+), released (\d{4}-\d{2}-\d{2})\b.*\n/;

export function isVersion(value: string): boolean {
  return VERSION.test(value);
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** The snapshot file's text: a header line naming the version and date, then the API schema. */
export function snapshotText(version: string, released: string, sdl: string): string {
  return `# Meridian API ${version}, released ${released}. Written by npm run schema:snapshot; never edit.\n${sdl}`;
}

/** Every release in `dir`, oldest first. */
export function readReleases(dir: string = HISTORY_DIR): Release[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .map((name) => {
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, 'utf8');
      const header = HEADER.exec(text);
      const version = name.slice(0, -'.graphql'.length);
      if (!header || header[1] !== version || !isVersion(version)) {
        throw new Error(`${file}: expected a first line "# Meridian API ${version}, released YYYY-MM-DD"`);
      }
      return { version, released: header[2]!, sdl: text.slice(header[0].length) };
    })
    .sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * The developer portal's build, as `npm start` needs it: the gateway serves `portal/build`, so the launcher
 * rebuilds it first when it is missing or older than any of the portal's sources.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export const PORTAL_DIR = path.resolve(__dirname, '..', '..', 'portal');

/** Folders inside the portal that are outputs or dependencies, never sources. */
const NOT_SOURCES = new Set(['node_modules', 'build', '.docusaurus', '.cache']);

/** Newest modification time (ms) of any file under `dir`, outputs left out. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

/** Why the portal needs building, or undefined when its build is newer than all its sources. */
export function portalBuildReason(portalDir: string = PORTAL_DIR): string | undefined {
  const index = path.join(portalDir, 'build', 'index.html');
  if (!fs.existsSync(index)) return 'it has not been built';
  return newestSource(portalDir) > fs.statSync(index).mtimeMs ? 'its sources changed' : undefined;
}

/** Runs the portal's own build script (`docusaurus build`); rejects with its last lines when it fails. */
export function buildPortal(portalDir: string, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'build'], { cwd: portalDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const recent: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        onLine(line);
      });
    }
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`the portal build failed (exit code ${code}):\n${recent.join('\n')}`)),
    );
  });
}

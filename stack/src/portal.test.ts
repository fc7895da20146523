import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portalBuildReason } from './portal';

function touch(file: string, secondsAgo: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'x');
  const at = new Date(Date.now() - secondsAgo * 1000);
  fs.utimesSync(file, at, at);
}

describe('portalBuildReason', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-portal-'));
    touch(path.join(dir, 'docs', 'intro.md'), 100);
    touch(path.join(dir, 'node_modules', 'dep', 'index.js'), 0);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('builds a portal that was never built', () => {
    expect(portalBuildReason(dir)).toBe('it has not been built');
  });

  it('keeps a build newer than every source, whatever node_modules holds', () => {
    touch(path.join(dir, 'build', 'index.html'), 50);
    expect(portalBuildReason(dir)).toBeUndefined();
  });

  it('rebuilds when a source changed after the build', () => {
    touch(path.join(dir, 'build', 'index.html'), 50);
    touch(path.join(dir, 'src', 'pages', 'console', 'keys.tsx'), 10);
    expect(portalBuildReason(dir)).toBe('its sources changed');
  });
});

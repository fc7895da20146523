import path from 'node:path';
import { OPERATION_LIMIT_DEFAULTS } from '@meridian/schema';
import { loadConfig } from './config';

describe('the gateway config', () => {
  it("serves the portal package's build folder by default, found through its export, or PORTAL_DIR", () => {
    expect(loadConfig({}).portalDir).toBe(path.resolve(__dirname, '..', '..', 'portal', 'build'));
    expect(loadConfig({ PORTAL_DIR: '/srv/portal' }).portalDir).toBe(path.resolve('/srv/portal'));
  });

  it('applies the operation limits of @meridian/schema unless the environment sets others', () => {
    expect(loadConfig({}).limits).toEqual(OPERATION_LIMIT_DEFAULTS);
    expect(loadConfig({ MAX_DEPTH: '5' }).limits).toEqual({ ...OPERATION_LIMIT_DEFAULTS, maxDepth: 5 });
  });
});

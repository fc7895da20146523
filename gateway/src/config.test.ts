import { OPERATION_LIMIT_DEFAULTS } from '@meridian/schema';
import { loadConfig } from './config';

describe('the gateway config', () => {
  it('applies the operation limits of @meridian/schema unless the environment sets others', () => {
    expect(loadConfig({}).limits).toEqual(OPERATION_LIMIT_DEFAULTS);
    expect(loadConfig({ MAX_DEPTH: '5' }).limits).toEqual({ ...OPERATION_LIMIT_DEFAULTS, maxDepth: 5 });
  });
});

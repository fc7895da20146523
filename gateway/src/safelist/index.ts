export { safelistPlugin } from './plugin';
export type { SafelistPluginOptions } from './plugin';
export { SafelistDirectory } from './safelists';
export type { Safelist, SafelistDirectoryOptions } from './safelists';

export { isFromSafelist, safelistPlugin, sentHashOf } from './plugin';
export type { SafelistPluginOptions } from './plugin';
export { SafelistDirectory } from './safelists';
export type { Safelist, SafelistDirectoryOptions, SafelistedOperations } from './safelists';
export { safelistStep } from './step';

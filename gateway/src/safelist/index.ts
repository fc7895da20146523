export { isFromSafelist, safelistPlugin, sentHashOf } from './plugin';
export { SafelistDirectory } from './safelists';
export { safelistStep } from './step';

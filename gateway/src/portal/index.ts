export { notBuiltPage, servePortal } from './serve';

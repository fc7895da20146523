export { servePortal } from './serve';

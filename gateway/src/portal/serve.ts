/**
 * The developer portal at `/`: the static Docusaurus build, served after `/graphql` so that no file can
 * shadow the API. Docusaurus writes one `index.html` per route (`/console/keys` is
 * `console/keys/index.html`) and a `404.html`; its hashed bundles under `/assets/` never change, so they are
 * cached for a year, while pages are revalidated on every visit so a new build shows at once. Without a
 * build (or without the portal at all, as in the service image) the gateway still serves the API, and `/`
 * says how to get the portal.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type Response } from 'express';

/** Hashed bundles: a new build writes new names, so a cached copy is never stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages name the current bundles: the browser asks again every time (cheap with ETags). */
const REVALIDATE = 'no-cache';
/** Images and other unhashed files from `static/`. */
const SHORT = 'public, max-age=3600';

function cacheControl(file: string): string {
  if (file.endsWith('.html')) return REVALIDATE;
  return file.split(path.sep).includes('assets') ? IMMUTABLE : SHORT;
}

function setHeaders(res: Response, file: string): void {
  res.setHeader('Cache-Control', cacheControl(file));
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/** Whether a browser asked for a page (API clients asking for JSON keep getting JSON errors). */
function wantsPage(req: Request): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

/**
 * The page `/` shows when the portal has not been built, or when there is no portal to serve (`dir`
 * undefined: the portal package is not installed and `PORTAL_DIR` names no build).
 */
function notBuiltPage(dir: string | undefined): string {
  const where = dir
    ? `<p>The gateway serves the portal from <code>${escapeHtml(dir)}</code>, which holds no build.</p>`
    : '<p>This gateway has no portal to serve: the portal package is not installed here and <code>PORTAL_DIR</code> names no build.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Meridian: the portal is not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The developer portal is not built yet</h1>
${where}
<p>Build it with <code>npx docusaurus build</code> inside <code>portal/</code>, or run <code>npm start</code>,
which builds it when it is missing or older than its sources. The API works meanwhile:
<a href="/graphql">/graphql</a>.</p>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Mounts the portal in `dir` (a Docusaurus build folder) at `/`; without one, `/` says there is none. */
export function servePortal(dir: string | undefined): (app: Express) => void {
  if (dir === undefined) {
    return (app) => {
      app.get(/.*/, (req, res, next) => {
        if (req.path !== '/' && !wantsPage(req)) return next();
        res
          .status(req.path === '/' ? 200 : 404)
          .type('html')
          .setHeader('Cache-Control', REVALIDATE);
        res.send(notBuiltPage(undefined));
      });
    };
  }
  const root = path.resolve(dir);
  const built = () => fs.existsSync(path.join(root, 'index.html'));
  return (app) => {
    app.use(express.static(root, { index: 'index.html', redirect: false, setHeaders }));
    // A route without its trailing slash (`/console/keys`) is the page in its folder.
    app.get(/.*/, (req, res, next) => {
      let route: string;
      try {
        route = decodeURIComponent(req.path);
      } catch {
        return next();
      }
      const file = path.join(root, route, 'index.html');
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return next();
      setHeaders(res, file);
      res.sendFile(file);
    });
    app.get(/.*/, (req, res, next) => {
      if (!built()) {
        if (req.path !== '/' && !wantsPage(req)) return next();
        res
          .status(req.path === '/' ? 200 : 404)
          .type('html')
          .setHeader('Cache-Control', REVALIDATE);
        return void res.send(notBuiltPage(root));
      }
      if (!wantsPage(req)) return next();
      const page = path.join(root, '404.html');
      if (!fs.existsSync(page)) return next();
      res.status(404);
      setHeaders(res, page);
      res.sendFile(page);
    });
  };
}

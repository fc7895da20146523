import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { servePortal } from './serve';

/** A Docusaurus-shaped build: a page per route folder, hashed assets, a 404 page. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-portal-build-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('index.html', '<h1>home</h1>');
  write('404.html', '<h1>page not found</h1>');
  write('console/keys/index.html', '<h1>keys</h1>');
  write('assets/js/main.0123abcd.js', 'console.log(1)');
  write('assets/css/styles.89ab.css', 'body{}');
  write('img/logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

async function serve(dir: string | undefined): Promise<{ url: string; server: Server }> {
  const app = express();
  app.get('/graphql', (_req, res) => res.json({ api: true }));
  servePortal(dir)(app);
  app.use((_req, res) => res.status(404).json({ errors: [{ extensions: { code: 'NOT_FOUND' } }] }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const page = { accept: 'text/html,application/xhtml+xml' };

describe('the portal served by the gateway', () => {
  let dir: string;
  let url: string;
  let server: Server;
  beforeAll(async () => {
    dir = fakeBuild();
    ({ url, server } = await serve(dir));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the home page and route pages with and without the trailing slash, revalidated', async () => {
    for (const [route, text] of [
      ['/', 'home'],
      ['/console/keys', 'keys'],
      ['/console/keys/', 'keys'],
    ]) {
      const response = await fetch(`${url}${route}`, { headers: page });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain(text);
    }
  });

  it('caches hashed assets for a year and other files for an hour, with their content types', async () => {
    const js = await fetch(`${url}/assets/js/main.0123abcd.js`);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const css = await fetch(`${url}/assets/css/styles.89ab.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const svg = await fetch(`${url}/img/logo.svg`);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('answers browsers with the 404 page and API clients with a JSON NOT_FOUND', async () => {
    const browser = await fetch(`${url}/console/nope`, { headers: page });
    expect(browser.status).toBe(404);
    expect(await browser.text()).toContain('page not found');
    const client = await fetch(`${url}/console/nope`);
    expect(client.status).toBe(404);
    expect(
      ((await client.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
    ).toBe('NOT_FOUND');
  });

  it('leaves the API routes alone and serves nothing outside the build', async () => {
    expect(await (await fetch(`${url}/graphql`, { headers: page })).json()).toEqual({ api: true });
    const escape = await fetch(`${url}/console/..%2f..%2f..%2f..%2fetc%2fpasswd`, { headers: page });
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('root:');
  });
});

describe('the portal before it is built', () => {
  it('says at / how to build it, and keeps API clients on JSON errors', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-portal-none-'));
    const { url, server } = await serve(path.join(dir, 'build'));
    try {
      const home = await fetch(`${url}/`, { headers: page });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('npx docusaurus build');
      expect((await fetch(`${url}/console/keys`)).status).toBe(404);
      expect(await (await fetch(`${url}/graphql`)).json()).toEqual({ api: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a gateway without the portal (the service image)', () => {
  it('says at / that it has no portal to serve, and keeps API clients on JSON errors', async () => {
    const { url, server } = await serve(undefined);
    try {
      const home = await fetch(`${url}/`, { headers: page });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('no portal to serve');
      expect((await fetch(`${url}/console/keys`, { headers: page })).status).toBe(404);
      expect((await fetch(`${url}/console/keys`)).status).toBe(404);
      expect(await (await fetch(`${url}/graphql`)).json()).toEqual({ api: true });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

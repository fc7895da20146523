/**
 * The billing tests' way to run the billing service alone: in this process, on a free port, over real HTTP
 * and a real SQLite file in a fresh folder; plus a GraphQL client that can sign in, and the helpers the
 * gateway would use (the signed principal header, the internal routes).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRINCIPAL_HEADER, signPrincipal, type Principal, type RunningService } from '@meridian/kit';
import { loadConfig, startBilling, type BillingConfig } from '@meridian/billing';
import { INTERNAL_TOKEN_HEADER } from '@meridian/contracts';

export interface GqlResult<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface BillingUnderTest {
  readonly url: string;
  readonly config: BillingConfig;
  readonly dataDir: string;
  gql<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResult<Data>>;
  /** POSTs JSON to an internal route with the service token. */
  internal(
    route: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Headers of a signed-in portal user. */
  signIn(email: string, password: string): Promise<Record<string, string>>;
  /** Headers of a call through the gateway with a principal it signed. */
  asGateway(principal: Principal): Record<string, string>;
  close(): Promise<void>;
}

/** Services start beside other work on two shared cores: hooks that start them allow this long. */
export const STARTUP_TIMEOUT_MS = 60_000;

export const ADMIN_EMAIL = 'admin@meridian.example';
export const ADMIN_PASSWORD = 'test-admin-Password-2026';

export function freshDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'meridian-billing-'));
}

export async function startBillingForTest(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<BillingUnderTest> {
  const dataDir = options.dataDir ?? freshDir();
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD,
    INTERNAL_TOKEN: crypto.randomBytes(24).toString('hex'),
    PRINCIPAL_SECRET: crypto.randomBytes(24).toString('hex'),
    SESSION_SECRET: crypto.randomBytes(24).toString('hex'),
    // Tests count their own usage and invoices: the demo's months of history only where a test asks.
    DEMO_HISTORY: 'off',
    ...options.env,
  });
  let service: RunningService | undefined = await startBilling(config);
  const url = service.url;
  const gql: BillingUnderTest['gql'] = async (query, variables = {}, headers = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResult<never>;
  };
  return {
    url,
    config,
    dataDir,
    gql,
    async internal(route, body, token = config.internalToken) {
      const response = await fetch(`${url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async signIn(email, password) {
      const result = await gql<{ login: { accessToken: string } }>(
        'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
        { email, password },
      );
      if (!result.data) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(result.errors)}`);
      return { authorization: `Bearer ${result.data.login.accessToken}` };
    },
    asGateway(principal) {
      return { [PRINCIPAL_HEADER]: signPrincipal(principal, config.principalSecret) };
    },
    async close() {
      await service?.close();
      service = undefined;
    },
  };
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function codeOf(result: GqlResult<unknown>): unknown {
  return result.errors?.[0]?.extensions?.code;
}

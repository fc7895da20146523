import { parse } from 'graphql';
import { closeCodeOf, parseFailure, refusal } from './refusals';

describe('refusals', () => {
  it("names the token limit graphql-js's parser stops at", () => {
    let message = '';
    try {
      parse('{ a b c d e }', { maxTokens: 3 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(parseFailure(message)).toEqual({
      code: 'OPERATION_LIMIT_EXCEEDED',
      extensions: { violations: [{ limit: 'tokens', maximum: 3 }] },
    });
    expect(parseFailure('Syntax Error: Expected Name, found <EOF>.').code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('closes a websocket with the code that matches the refusal, and a reason that fits a frame', () => {
    expect(closeCodeOf(refusal('UNAUTHENTICATED', 'the API key is revoked')).code).toBe(4401);
    expect(closeCodeOf(refusal('PARTNER_SUSPENDED', 'x')).code).toBe(4403);
    const long = closeCodeOf(refusal('BAD_REQUEST', 'é'.repeat(200)));
    expect(long.code).toBe(4400);
    expect(Buffer.byteLength(long.reason)).toBeLessThanOrEqual(123);
  });

  it('carries the catalog status and Retry-After for HTTP', () => {
    const error = refusal('RATE_LIMITED', 'slow down', { retryAfter: 7 });
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(429);
    expect(http.headers.get('retry-after')).toBe('7');
  });
});

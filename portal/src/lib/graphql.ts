/**
 * The portal's GraphQL client: same-origin `/graphql`, one POST per operation. Operations are the typed
 * documents generated from the schema (`src/gql`, written with `graphql()`), so what they send and what they
 * answer is checked by the compiler. Errors come back as `ApiError` carrying the catalog code
 * (`extensions.code`) so pages can say what was wrong.
 */
import type { TypedDocumentString } from '../gql/graphql';

export const GRAPHQL_PATH = '/graphql';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export async function requestGraphQL<Data, Variables>(
  operation: TypedDocumentString<Data, Variables>,
  variables: NoInfer<Variables>,
  accessToken?: string,
  headers: Readonly<Record<string, string>> = {},
): Promise<Data> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...headers,
        ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
      },
      body: JSON.stringify({ query: operation.toString(), variables }),
    });
  } catch {
    throw new ApiError('The gateway cannot be reached; check that Meridian is running.', 'NETWORK_ERROR');
  }
  let body: GraphQLResponse<Data>;
  try {
    body = (await response.json()) as GraphQLResponse<Data>;
  } catch {
    throw new ApiError(`The gateway answered ${response.status} without a GraphQL body.`, 'BAD_RESPONSE');
  }
  const [first] = body.errors ?? [];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'UNKNOWN';
    throw new ApiError(first.message, code, first.extensions ?? {});
  }
  if (!body.data) throw new ApiError('The gateway answered without data.', 'BAD_RESPONSE');
  return body.data;
}

/** A React hook that runs a query as the signed-in user and re-runs it when its variables change. */
import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { callApi } from './session';

export interface ApiState<Data> {
  readonly data: Data | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** `operation` is skipped while `variables` is null (say, until a partner is chosen). */
export function useApi<Data, Variables>(
  operation: TypedDocumentString<Data, Variables>,
  variables: NoInfer<Variables> | null,
): ApiState<Data> {
  const [data, setData] = useState<Data>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = variables === null ? null : JSON.stringify(variables);
  useEffect(() => {
    if (key === null) return;
    let current = true;
    setLoading(true);
    callApi(operation, JSON.parse(key) as Variables).then(
      (result) => {
        if (!current) return;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [operation, key, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data, error, loading, reload };
}

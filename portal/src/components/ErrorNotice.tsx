import { ApiError } from '../lib/graphql';

/** An error as the user should see it: what went wrong, and the catalog code to look up in the docs. */
export default function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="alert alert--danger margin-bottom--md" role="alert">
      {message}
      {code ? (
        <>
          {' '}
          <code>{code}</code>
        </>
      ) : null}
    </div>
  );
}

/**
 * The request log: the partner's last requests with time, key, operation, status, error code, cost and
 * latency, filtered by key, or found by the request id the gateway echoed in `x-request-id`.
 */
import { useState, type FormEvent } from 'react';
import ConsoleLayout from '../../components/ConsoleLayout';
import ErrorNotice from '../../components/ErrorNotice';
import { usePartnerChoice } from '../../components/PartnerPicker';
import styles from '../../components/console.module.css';
import { graphql } from '../../gql';
import { formatNumber, formatTime } from '../../lib/format';
import type { Session } from '../../lib/session';
import { useApi } from '../../lib/useApi';
import own from './requests.module.css';

const REQUESTS = graphql(`
  query RequestsPage($partnerId: ID!, $keyId: ID, $requestId: String) {
    requestLog(partnerId: $partnerId, keyId: $keyId, requestId: $requestId, limit: 100) {
      requestId
      occurredAt
      keyId
      operation
      status
      errorCode
      cost
      durationMs
      outcome
      billable
    }
    apiKeys(partnerId: $partnerId) {
      id
      name
    }
  }
`);

/** The key filter's value for the portal's own calls, which carry no key. */
const PORTAL_CALLS = 'anonymous';

function Requests({ session }: { session: Session }) {
  const { partnerId, picker } = usePartnerChoice(session);
  const [keyId, setKeyId] = useState('');
  const [typed, setTyped] = useState('');
  const [requestId, setRequestId] = useState('');
  const { data, error, loading, reload } = useApi(
    REQUESTS,
    partnerId ? { partnerId, keyId: keyId || null, requestId: requestId || null } : null,
  );
  const keyNames = new Map((data?.apiKeys ?? []).map((key) => [key.id, key.name]));
  const keyName = (id: string) => (id === PORTAL_CALLS ? 'Portal (no key)' : (keyNames.get(id) ?? id));
  const search = (event: FormEvent) => {
    event.preventDefault();
    setRequestId(typed.trim());
  };

  return (
    <>
      {picker}
      <p>
        Each request is kept for 7 days (at most 10,000 per key), refused ones included. Find one by the{' '}
        <code>x-request-id</code> header of its response. <strong>Billed</strong> says whether it counts
        against the monthly quota.
      </p>
      <ErrorNotice error={error} />
      <form className={own.search} onSubmit={search} role="search">
        <div className={styles.field}>
          <label htmlFor="requests-key">Key</label>
          <select id="requests-key" value={keyId} onChange={(event) => setKeyId(event.target.value)}>
            <option value="">Every key</option>
            {(data?.apiKeys ?? []).map((key) => (
              <option key={key.id} value={key.id}>
                {key.name}
              </option>
            ))}
            <option value={PORTAL_CALLS}>Portal (no key)</option>
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="requests-id">Request id</label>
          <input
            id="requests-id"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            placeholder="x-request-id of a response"
            spellCheck={false}
          />
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button button--primary">
            Search
          </button>
          <button type="button" className="button button--secondary" onClick={reload} disabled={loading}>
            {loading ? 'Loading…' : 'Refresh'}
          </button>
        </div>
      </form>
      {data && data.requestLog.length === 0 ? (
        <p role="status">{requestId ? `No request ${requestId} in your log.` : 'No requests yet.'}</p>
      ) : null}
      {data && data.requestLog.length > 0 ? (
        <div className={styles.tableWrap}>
          <table className={styles.stacked} aria-label="Request log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Key</th>
                <th scope="col">Operation</th>
                <th scope="col" className={styles.numeric}>
                  Status
                </th>
                <th scope="col">Error code</th>
                <th scope="col" className={styles.numeric}>
                  Cost
                </th>
                <th scope="col" className={styles.numeric}>
                  Latency
                </th>
                <th scope="col">Billed</th>
                <th scope="col">Request id</th>
              </tr>
            </thead>
            <tbody>
              {data.requestLog.map((entry) => (
                <tr key={entry.requestId + entry.occurredAt} data-request-id={entry.requestId}>
                  <td data-label="Time">{formatTime(entry.occurredAt)}</td>
                  <td data-label="Key">{keyName(entry.keyId)}</td>
                  <td data-label="Operation">{entry.operation}</td>
                  <td data-label="Status" className={styles.numeric}>
                    {entry.status ?? '–'}
                  </td>
                  <td
                    data-label="Error code"
                    className={entry.outcome === 'rejected' ? own.refused : undefined}
                  >
                    {entry.errorCode ?? '–'}
                  </td>
                  <td data-label="Cost" className={styles.numeric}>
                    {formatNumber(entry.cost)}
                  </td>
                  <td data-label="Latency" className={styles.numeric}>
                    {entry.durationMs.toFixed(1)} ms
                  </td>
                  <td data-label="Billed">{entry.billable ? 'Yes' : 'No'}</td>
                  <td data-label="Request id" className={own.requestId}>
                    {entry.requestId}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

export default function RequestsPage() {
  return (
    <ConsoleLayout
      title="Requests"
      description="The last requests of your keys: status, error code, cost and latency, by request id."
    >
      {(session) => <Requests session={session} />}
    </ConsoleLayout>
  );
}

import { formatTime } from '../lib/format';

/** While a partner is suspended: why its keys fail, and what still works. */
export default function SuspendedNotice({ name, suspendedAt }: { name: string; suspendedAt: string }) {
  return (
    <div className="alert alert--danger margin-bottom--lg" role="region" aria-labelledby="suspended-title">
      <h2 id="suspended-title">
        {name} is suspended since {formatTime(suspendedAt)}
      </h2>
      <p>
        Meridian refuses its keys with <code>PARTNER_SUSPENDED</code> (HTTP 403), and no key can be created or
        rolled until it is reactivated. Your keys and usage stay visible here, and you can still revoke keys.
        Contact your Meridian account manager to reactivate the account.
      </p>
    </div>
  );
}

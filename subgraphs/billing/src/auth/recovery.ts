/**
 * Getting into an account without a password: password resets, and the first look at an invitation link.
 * Reset links are random, stored only as a hash, used once and expire within the hour; using one sets the
 * new password and ends every session of the user (whoever knew the old password is signed out). Asking for
 * a reset answers the same whether or not the address has an account, so the form tells nobody who is a
 * customer; the e-mail is sent in the background, so the answer takes the same time either way.
 */
import { newId } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import type { Mailer } from '../mail/mailer';
import type { BillingStore } from '../store';
import { normalizeEmail, openSession, type AccountDeps, type SessionTokens } from './accounts';
import { hashPassword, passwordProblem } from './password';
import { randomSecret, sha256 } from './token';

/** @internal */
export const PASSWORD_RESET_TTL_SECONDS = 60 * 60;
const HOUR_MS = 60 * 60 * 1000;

export interface RecoveryDeps extends AccountDeps {
  readonly mailer: Mailer;
  /** Where the portal is served: the start of the links sent by e-mail. */
  readonly portalUrl: string;
  readonly accountRequests: AttemptCounter;
  /** Told of an e-mail that could not be sent (the answer has gone already). */
  readonly onMailFailure: (error: unknown) => void;
}

/**
 * Requests per subject (an e-mail address) in a sliding hour, in this process. The gateway limits them per
 * client address as well; together they keep the forms from being used to flood a mailbox or the admins.
 */
export class AttemptCounter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly perHour: number,
    private readonly now: () => Date,
  ) {}

  /** Counts an attempt, or throws RATE_LIMITED when the subject has had its share this hour. */
  take(subject: string, what: string): void {
    const now = this.now().getTime();
    const recent = (this.attempts.get(subject) ?? []).filter((at) => at > now - HOUR_MS);
    if (recent.length >= this.perHour) {
      const retryAfter = Math.max(1, Math.ceil((recent[0]! + HOUR_MS - now) / 1000));
      this.attempts.set(subject, recent);
      throw codedError(
        'RATE_LIMITED',
        `too many ${what} for this e-mail address: at most ${this.perHour} an hour; retry in ${retryAfter} s`,
        { limit: 'account-requests', retryAfter },
      );
    }
    recent.push(now);
    this.attempts.set(subject, recent);
    if (this.attempts.size > MAX_COUNTED_SUBJECTS) this.forgetIdle(now);
  }

  private forgetIdle(now: number): void {
    for (const [subject, times] of this.attempts) {
      if (times.every((at) => at <= now - HOUR_MS)) this.attempts.delete(subject);
    }
  }
}

/** Beyond this many addresses counted, the idle ones are dropped. */
const MAX_COUNTED_SUBJECTS = 10_000;

/** Sends a reset link when the address has an account; answers the same either way. */
export async function requestPasswordReset(deps: RecoveryDeps, rawEmail: string): Promise<boolean> {
  const email = normalizeEmail(rawEmail);
  deps.accountRequests.take(`reset:${email}`, 'password reset requests');
  const user = await deps.store.userByEmail(email);
  if (!user) return true;
  const token = randomSecret();
  const now = deps.now();
  await deps.store.createPasswordReset({
    id: newId('pwr'),
    tokenHash: sha256(token),
    userId: user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_SECONDS * 1000),
  });
  void deps.mailer
    .send({
      to: user.email,
      subject: 'Reset your Meridian password',
      text: [
        `Hello ${user.name},`,
        '',
        'Someone (we hope you) asked to reset the password of your Meridian portal account.',
        `Choose a new password here within the hour: ${deps.portalUrl}/console/reset?token=${token}`,
        '',
        'The link works once. If you did not ask for it, ignore this e-mail: your password stays as it is.',
      ].join('\n'),
    })
    .catch(deps.onMailFailure);
  return true;
}

const resetFailures = {
  unknown: 'the reset link is not valid',
  used: 'the reset link has already been used; ask for a new one',
  expired: 'the reset link has expired; ask for a new one',
} as const;

/** Sets a new password with a reset link (once), ends the user's other sessions and signs them in. */
export async function resetPassword(
  deps: AccountDeps,
  input: { token: string; password: string },
): Promise<SessionTokens> {
  const tokenHash = sha256(input.token);
  const link = await deps.store.passwordResetUser(tokenHash);
  const now = deps.now();
  const failure = !link ? 'unknown' : link.usedAt ? 'used' : link.expiresAt <= now ? 'expired' : undefined;
  if (failure)
    throw codedError('BAD_USER_INPUT', resetFailures[failure], { argument: 'token', reason: failure });
  const [user] = await deps.store.usersByIds([link!.userId]);
  if (!user)
    throw codedError('BAD_USER_INPUT', resetFailures.unknown, { argument: 'token', reason: 'unknown' });
  const weakness = passwordProblem(input.password, user.email);
  if (weakness) throw codedError('BAD_USER_INPUT', `password ${weakness}`, { argument: 'password' });
  const passwordHash = await hashPassword(input.password);
  const used = await deps.store.usePasswordReset(tokenHash, now, async () => passwordHash);
  if (typeof used === 'string') {
    throw codedError('BAD_USER_INPUT', resetFailures[used], { argument: 'token', reason: used });
  }
  return openSession(deps, { ...user, passwordHash });
}

export interface InvitationPreview {
  readonly email: string;
  readonly role: 'admin' | 'developer';
  /** The partner's name; null for an invitation to the business team. */
  readonly organisation: string | null;
  readonly expiresAt: Date;
}

const previewFailures = {
  unknown: 'the invitation link is not valid',
  used: 'the invitation has already been used: sign in instead',
  revoked: 'the invitation was withdrawn; ask for a new one',
  expired: 'the invitation has expired; ask for a new one',
} as const;

/** What an invitation link is for (who, which organisation), checked before anyone fills in the form. */
export async function previewInvitation(
  deps: Pick<AccountDeps, 'store' | 'now'> & { store: BillingStore },
  token: string,
): Promise<InvitationPreview> {
  const row = await deps.store.invitationByHash(sha256(token));
  const failure = !row
    ? 'unknown'
    : row.accepted_at
      ? 'used'
      : row.revoked_at
        ? 'revoked'
        : new Date(row.expires_at) <= deps.now()
          ? 'expired'
          : undefined;
  if (failure) {
    throw codedError('BAD_USER_INPUT', previewFailures[failure], { argument: 'token', reason: failure });
  }
  const [partner] = row!.partner_id ? await deps.store.partnersByIds([row!.partner_id]) : [];
  return {
    email: row!.email,
    role: row!.role === 'admin' ? 'admin' : 'developer',
    organisation: partner?.name ?? null,
    expiresAt: new Date(row!.expires_at),
  };
}

/** The e-mail that carries an invitation link. */
export function invitationMail(
  portalUrl: string,
  invitation: { email: string; token: string; expiresAt: Date },
  organisation: string | null,
) {
  return {
    to: invitation.email,
    subject: `You are invited to ${organisation ?? 'the Meridian business team'} on Meridian`,
    text: [
      'Hello,',
      '',
      `You are invited to join ${organisation ?? 'the Meridian business team'} on the Meridian developer portal.`,
      `Choose your name and password here: ${portalUrl}/console/accept?token=${invitation.token}`,
      '',
      `The link works once, until ${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    ].join('\n'),
  };
}

/**
 * The business team's care of a partner's pending invitations. Resending gives the invitation a new token
 * and a new expiry and e-mails the new link: the old link stops working at once, so a link that went to the
 * wrong inbox can be replaced. Revoking withdraws it. Neither touches an invitation already accepted.
 */
import { codedError } from '@meridian/schema';
import type { InvitationChangeFailure, PendingInvitationRecord } from '../store';
import { INVITATION_TTL_SECONDS, type IssuedInvitation } from './accounts';
import { audit } from './audit';
import { requireAdmin, type Principal } from './principal';
import { invitationMail, type RecoveryDeps } from './recovery';
import { randomSecret, sha256 } from './token';

const changeFailures: Record<InvitationChangeFailure, string> = {
  unknown: 'no such invitation',
  accepted: 'the invitation was accepted already',
  revoked: 'the invitation was revoked already',
};

function refuse(failure: InvitationChangeFailure, id: string): never {
  if (failure === 'unknown') throw codedError('NOT_FOUND', `no invitation ${id}`, { argument: 'id' });
  throw codedError('BAD_USER_INPUT', changeFailures[failure], { argument: 'id', reason: failure });
}

export async function resendInvitation(
  deps: RecoveryDeps,
  principal: Principal | null,
  id: string,
): Promise<IssuedInvitation> {
  const admin = requireAdmin(principal);
  const token = randomSecret();
  const expiresAt = new Date(deps.now().getTime() + INVITATION_TTL_SECONDS * 1000);
  const result = await deps.store.reissueInvitation(id, { tokenHash: sha256(token), expiresAt });
  if (typeof result === 'string') refuse(result, id);
  const invitation = { ...result, token, expiresAt };
  const [partner] = result.partnerId ? await deps.store.partnersByIds([result.partnerId]) : [];
  await deps.mailer.send(invitationMail(deps.portalUrl, invitation, partner?.name ?? null));
  await audit(deps, admin, {
    partnerId: result.partnerId,
    action: 'invitation.resent',
    subject: result.email,
  });
  return invitation;
}

export async function revokeInvitation(
  deps: RecoveryDeps,
  principal: Principal | null,
  id: string,
): Promise<PendingInvitationRecord> {
  const admin = requireAdmin(principal);
  const result = await deps.store.revokeInvitation(id, deps.now());
  if (typeof result === 'string') refuse(result, id);
  await audit(deps, admin, {
    partnerId: result.partnerId,
    action: 'invitation.revoked',
    subject: result.email,
  });
  return result;
}

/**
 * Onboarding a partner in one step: the organisation on its plan and an invitation for each developer.
 * Everything is checked before anything is written (every address, the plan, the customer, a name that
 * another partner has already), then the partner, its invitations and their audit rows are written in one
 * transaction, and the e-mails go out only after it committed: a bad address leaves nothing behind, and
 * sending the corrected form again makes one partner, not two.
 */
import { newId } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import type { NewInvitation, PartnerRecord } from '../store/accounts.store';
import { emailProblem, INVITATION_TTL_SECONDS, type IssuedInvitation } from './accounts';
import { actorOf } from './audit';
import { requireAdmin, type Principal } from './principal';
import { invitationMail, type RecoveryDeps } from './recovery';
import { randomSecret, sha256 } from './token';

const MAX_PARTNER_NAME_LENGTH = 200;
/** The most developers one onboarding invites; more can be invited from the partner's page. */
const MAX_ONBOARDING_INVITATIONS = 20;

export interface OnboardingInput {
  readonly name: string;
  readonly planId: string;
  readonly customerId: string | null;
  readonly developerEmails: readonly string[];
  /** Onboards even when another partner has the same name (a different organisation that shares it). */
  readonly allowDuplicateName: boolean;
}

/** A name as people compare names: case, and spaces around and between words, do not count. */
function comparableName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

export function partnerName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed.length === 0 || trimmed.length > MAX_PARTNER_NAME_LENGTH) {
    throw codedError('BAD_USER_INPUT', `name must be 1 to ${MAX_PARTNER_NAME_LENGTH} characters`, {
      argument: 'name',
    });
  }
  return trimmed;
}

/** The addresses, lower-cased and each once; throws naming the first one that is not an address. */
async function developerEmails(deps: RecoveryDeps, raw: readonly string[]): Promise<string[]> {
  const emails = [...new Set(raw.map((email) => email.trim().toLowerCase()).filter(Boolean))];
  if (emails.length > MAX_ONBOARDING_INVITATIONS) {
    throw codedError(
      'BAD_USER_INPUT',
      `developerEmails holds at most ${MAX_ONBOARDING_INVITATIONS} addresses; invite more from the partner's page`,
      { argument: 'developerEmails', limit: MAX_ONBOARDING_INVITATIONS },
    );
  }
  for (const email of emails) {
    const problem = emailProblem(email);
    if (problem) {
      throw codedError('BAD_USER_INPUT', `developerEmails: "${email}" ${problem}`, {
        argument: 'developerEmails',
        email,
      });
    }
    if (await deps.store.userByEmail(email)) {
      throw codedError('BAD_USER_INPUT', `developerEmails: "${email}" already has a portal account`, {
        argument: 'developerEmails',
        email,
        reason: 'email-taken',
      });
    }
  }
  return emails;
}

export async function onboardPartner(
  deps: RecoveryDeps,
  principal: Principal | null,
  input: OnboardingInput,
): Promise<{ partner: PartnerRecord; invitations: IssuedInvitation[] }> {
  const admin = requireAdmin(principal);
  const name = partnerName(input.name);
  if (!(await deps.store.plansByIds([input.planId])).length) {
    throw codedError('BAD_USER_INPUT', `unknown plan ${input.planId}`, { argument: 'planId' });
  }
  if (input.customerId && !(await deps.store.customersByIds([input.customerId])).length) {
    throw codedError('BAD_USER_INPUT', `unknown customer ${input.customerId}`, { argument: 'customerId' });
  }
  const emails = await developerEmails(deps, input.developerEmails);
  if (!input.allowDuplicateName) {
    const same = (await deps.store.listPartners()).find(
      (partner) => comparableName(partner.name) === comparableName(name),
    );
    if (same) {
      throw codedError(
        'DUPLICATE_PARTNER_NAME',
        `a partner named "${same.name}" exists already (${same.id}); open it, or onboard with allowDuplicateName`,
        { argument: 'name', partnerId: same.id, partnerName: same.name },
      );
    }
  }
  const now = deps.now();
  const partner: PartnerRecord = {
    id: newId('par'),
    name,
    customerId: input.customerId,
    planId: input.planId,
    createdAt: now,
    suspendedAt: null,
  };
  const issued = emails.map((email) => {
    const token = randomSecret();
    const invitation: NewInvitation = {
      id: newId('inv'),
      tokenHash: sha256(token),
      email,
      role: 'developer',
      partnerId: partner.id,
      invitedBy: admin.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_SECONDS * 1000),
    };
    return { invitation, token };
  });
  await deps.store.onboardPartner({
    partner,
    invitations: issued.map(({ invitation }) => invitation),
    actor: await actorOf(deps.store, admin),
  });
  const invitations = issued.map(({ invitation, token }) => ({
    id: invitation.id,
    token,
    email: invitation.email,
    role: invitation.role,
    partnerId: invitation.partnerId,
    expiresAt: invitation.expiresAt,
  }));
  // After the commit: a failed e-mail leaves the partner as it is, and its invitation can be resent.
  for (const invitation of invitations) {
    await deps.mailer
      .send(invitationMail(deps.portalUrl, invitation, partner.name))
      .catch(deps.onMailFailure);
  }
  return { partner, invitations };
}

/**
 * Requests for access: anyone may ask for a partner account with a public form. A request gives nobody any
 * access; it waits, pending, until the business team approves it in the admin pages, which creates the
 * partner on the plan they choose and invites the requester by e-mail, or declines it. The form answers the
 * same whether or not the address already has an account, and is limited per address.
 */
import { newId } from '@meridian/kit';
import { codedError } from '@meridian/schema';
import type { AccessRequestRecord } from '../store';
import { audit } from './audit';
import { invite, normalizeEmail, type IssuedInvitation } from './accounts';
import { requireAdmin, type Principal } from './principal';
import { invitationMail, type RecoveryDeps } from './recovery';

const MAX_ORGANISATION_LENGTH = 200;
const MAX_REQUESTER_NAME_LENGTH = 200;
const MAX_USE_CASE_LENGTH = 2_000;

function text(value: string, argument: string, max: number, min = 1): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) {
    throw codedError('BAD_USER_INPUT', `${argument} must be ${min} to ${max} characters`, { argument });
  }
  return trimmed;
}

export async function requestAccess(
  deps: RecoveryDeps,
  input: { organisation: string; name: string; email: string; useCase: string },
): Promise<boolean> {
  const request = {
    id: newId('acr'),
    organisation: text(input.organisation, 'organisation', MAX_ORGANISATION_LENGTH),
    name: text(input.name, 'name', MAX_REQUESTER_NAME_LENGTH),
    email: normalizeEmail(input.email),
    useCase: text(input.useCase, 'useCase', MAX_USE_CASE_LENGTH, 0),
    createdAt: deps.now(),
  };
  deps.accountRequests.take(`access:${request.email}`, 'access requests');
  await deps.store.createAccessRequest(request);
  return true;
}

async function pendingRequest(deps: RecoveryDeps, id: string): Promise<AccessRequestRecord> {
  const [request] = await deps.store.accessRequestsByIds([id]);
  if (!request) throw codedError('NOT_FOUND', `no access request ${id}`, { argument: 'id' });
  if (request.status !== 'pending') {
    throw codedError('BAD_USER_INPUT', `the access request was already ${request.status}`, {
      argument: 'id',
      reason: request.status,
    });
  }
  return request;
}

/** Creates the partner on `planId`, invites the requester by e-mail, and marks the request approved. */
export async function approveAccessRequest(
  deps: RecoveryDeps,
  principal: Principal | null,
  input: { id: string; planId: string },
): Promise<{ request: AccessRequestRecord; invitation: IssuedInvitation }> {
  const admin = requireAdmin(principal);
  const request = await pendingRequest(deps, input.id);
  const [plan] = await deps.store.plansByIds([input.planId]);
  if (!plan) throw codedError('BAD_USER_INPUT', `unknown plan ${input.planId}`, { argument: 'planId' });
  if (await deps.store.userByEmail(request.email)) {
    throw codedError('BAD_USER_INPUT', `${request.email} already has a portal account`, {
      argument: 'id',
      reason: 'email-taken',
    });
  }
  const now = deps.now();
  const partner = {
    id: newId('par'),
    name: request.organisation,
    customerId: null,
    planId: plan.id,
    createdAt: now,
    suspendedAt: null,
  };
  // Claimed before anything is created, so two admins approving at once make one partner.
  const claimed = await deps.store.decideAccessRequest(request.id, {
    status: 'approved',
    at: now,
    by: admin.userId,
    partnerId: null,
  });
  if (!claimed) {
    throw codedError('BAD_USER_INPUT', 'the access request was decided meanwhile', {
      argument: 'id',
      reason: 'decided',
    });
  }
  await deps.store.createPartner(partner);
  await deps.store.linkAccessRequestPartner(request.id, partner.id);
  await audit(deps, admin, {
    partnerId: partner.id,
    action: 'access-request.approved',
    subject: request.email,
    detail: `on plan ${plan.id}`,
  });
  const invitation = await invite(deps, admin, {
    email: request.email,
    role: 'developer',
    partnerId: partner.id,
  });
  await deps.mailer.send(invitationMail(deps.portalUrl, invitation, partner.name));
  const [approved] = await deps.store.accessRequestsByIds([request.id]);
  return { request: approved!, invitation };
}

export async function declineAccessRequest(
  deps: RecoveryDeps,
  principal: Principal | null,
  id: string,
): Promise<AccessRequestRecord> {
  const admin = requireAdmin(principal);
  const request = await pendingRequest(deps, id);
  await deps.store.decideAccessRequest(request.id, {
    status: 'declined',
    at: deps.now(),
    by: admin.userId,
    partnerId: null,
  });
  await audit(deps, admin, {
    partnerId: null,
    action: 'access-request.declined',
    subject: request.email,
    detail: request.organisation,
  });
  const [declined] = await deps.store.accessRequestsByIds([request.id]);
  return declined!;
}

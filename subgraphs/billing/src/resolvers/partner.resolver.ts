import { codedError } from '@meridian/schema';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Authenticated, newId, RequiresScopes } from '@meridian/kit';
import { audit } from '../auth/audit';
import { onboardPartner, partnerName } from '../auth/onboarding';
import { owns, requireAdmin, requirePrincipal } from '../auth/principal';
import type { BillingContext } from '../context';
import {
  AuditEvent,
  OnboardedPartner,
  OnboardPartnerInput,
  PartnerStatus,
  PartnerStatusChange,
  PendingInvitation,
} from '../schema/audit.type';
import { Customer } from '../schema/customer.type';
import { Partner } from '../schema/partner.type';
import { Plan } from '../schema/plan.type';

/** The longest reason a suspension or reactivation may give. */
const MAX_STATUS_REASON_LENGTH = 500;
/** Audit log entries one query lists by default, and at most. */
const DEFAULT_AUDIT_EVENTS = 50;
const MAX_AUDIT_EVENTS = 200;

function statusReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_STATUS_REASON_LENGTH) {
    throw codedError(
      'BAD_USER_INPUT',
      `reason is required: 1 to ${MAX_STATUS_REASON_LENGTH} characters, kept in the partner's history`,
      { argument: 'reason' },
    );
  }
  return trimmed;
}

@Resolver(() => Partner)
export class PartnerResolver {
  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => [Partner], {
    description: 'Partner organisations by name: all for admins, a partner its own.',
  })
  async partners(@Ctx() { store, principal }: BillingContext) {
    const known = requirePrincipal(principal);
    const all = await store.listPartners();
    return all.filter((partner) => owns(known, partner.id));
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Query(() => Partner, { nullable: true, description: 'Null when it does not exist or is not yours.' })
  async partner(@Arg('id', () => ID) id: string, @Ctx() { loaders, principal }: BillingContext) {
    return owns(requirePrincipal(principal), id) ? loaders.partner.load(id) : null;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => OnboardedPartner, {
    description:
      'Onboards a partner on a plan and invites its developers, all or nothing: every input is checked before anything is written (admins).',
  })
  async onboardPartner(
    @Arg('input', () => OnboardPartnerInput) input: OnboardPartnerInput,
    @Ctx() context: BillingContext,
  ) {
    return onboardPartner(context, context.principal, {
      name: input.name,
      planId: input.planId,
      customerId: input.customerId ?? null,
      developerEmails: input.developerEmails ?? [],
      allowDuplicateName: input.allowDuplicateName ?? false,
    });
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, {
    description: 'Creates a partner organisation on a plan, without inviting anyone (admins).',
  })
  async createPartner(
    @Arg('name', () => String) name: string,
    @Arg('planId', () => ID) planId: string,
    @Arg('customerId', () => ID, { nullable: true }) customerId: string | null,
    @Ctx() context: BillingContext,
  ) {
    const { store, principal, loaders, now } = context;
    requireAdmin(principal);
    const trimmed = partnerName(name);
    if (!(await loaders.plan.load(planId))) {
      throw codedError('BAD_USER_INPUT', `unknown plan ${planId}`, { argument: 'planId' });
    }
    if (customerId && !(await loaders.customer.load(customerId))) {
      throw codedError('BAD_USER_INPUT', `unknown customer ${customerId}`, { argument: 'customerId' });
    }
    const partner = {
      id: newId('par'),
      name: trimmed,
      customerId,
      planId,
      createdAt: now(),
      suspendedAt: null,
    };
    await store.createPartner(partner);
    await audit(context, principal, {
      partnerId: partner.id,
      action: 'partner.created',
      detail: `on plan ${planId}`,
    });
    return partner;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, { description: 'Moves a partner to another plan, effective at once (admins).' })
  async changePartnerPlan(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('planId', () => ID) planId: string,
    @Ctx() context: BillingContext,
  ) {
    const { store, principal, loaders, keys } = context;
    requireAdmin(principal);
    if (!(await loaders.plan.load(planId))) {
      throw codedError('BAD_USER_INPUT', `unknown plan ${planId}`, { argument: 'planId' });
    }
    const [before] = await store.partnersByIds([partnerId]);
    if (!before || !(await store.setPartnerPlan(partnerId, planId))) {
      throw codedError('BAD_USER_INPUT', `unknown partner ${partnerId}`, { argument: 'partnerId' });
    }
    // Cached key lookups carry the old plan; the next request must see the new one.
    keys.changed({ kind: 'plan-changed', partnerId });
    if (before.planId !== planId) {
      await audit(context, principal, {
        partnerId,
        action: 'partner.plan-changed',
        detail: `${before.planId} → ${planId}`,
      });
    }
    const [partner] = await store.partnersByIds([partnerId]);
    return partner;
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, {
    description:
      "Suspends a partner: its keys are refused with PARTNER_SUSPENDED within a second. The reason is kept in the partner's history (admins).",
  })
  suspendPartner(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: BillingContext,
  ) {
    return this.setSuspended(partnerId, context.now(), statusReason(reason), context);
  }

  @Authenticated()
  @RequiresScopes('billing:read')
  @Mutation(() => Partner, {
    description:
      "Lifts a partner's suspension; its keys work again. The reason is kept in the partner's history (admins).",
  })
  reactivatePartner(
    @Arg('partnerId', () => ID) partnerId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: BillingContext,
  ) {
    return this.setSuspended(partnerId, null, statusReason(reason), context);
  }

  private async setSuspended(
    partnerId: string,
    at: Date | null,
    reason: string,
    context: BillingContext,
  ): Promise<Partner> {
    const { store, principal, keys } = context;
    requireAdmin(principal);
    const [partner] = await store.partnersByIds([partnerId]);
    if (!partner)
      throw codedError('BAD_USER_INPUT', `unknown partner ${partnerId}`, { argument: 'partnerId' });
    // Suspending twice keeps the first time, and the first reason.
    if (Boolean(partner.suspendedAt) !== Boolean(at)) {
      await store.setPartnerSuspended(partnerId, at);
      await audit(context, principal, {
        partnerId,
        action: at ? 'partner.suspended' : 'partner.reactivated',
        reason,
      });
    }
    // Cached key lookups still admit (or refuse) the partner's keys; every cache must ask again.
    keys.changed({ kind: at ? 'suspended' : 'reactivated', partnerId });
    const [updated] = await store.partnersByIds([partnerId]);
    return updated!;
  }

  @FieldResolver(() => PartnerStatus, { description: 'SUSPENDED while `suspendedAt` is set.' })
  status(@Root() partner: Partner): PartnerStatus {
    return partner.suspendedAt ? PartnerStatus.SUSPENDED : PartnerStatus.ACTIVE;
  }

  @FieldResolver(() => [PartnerStatusChange], {
    description: 'Every change of status, oldest first, with who made it and why (admins).',
  })
  async statusHistory(@Root() partner: Partner, @Ctx() { store, principal }: BillingContext) {
    requireAdmin(principal);
    const events = await store.statusHistory(partner.id);
    return events.map((event) => ({
      status: event.action === 'partner.suspended' ? PartnerStatus.SUSPENDED : PartnerStatus.ACTIVE,
      actor: event.actor,
      reason: event.reason ?? (event.action === 'partner.reactivated' ? null : event.detail),
      at: event.createdAt,
    }));
  }

  @FieldResolver(() => [AuditEvent], {
    description: `What was done to the partner and by whom, newest first; \`limit\` 1 to ${MAX_AUDIT_EVENTS}, default ${DEFAULT_AUDIT_EVENTS} (admins).`,
  })
  async auditLog(
    @Root() partner: Partner,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() { store, principal }: BillingContext,
  ) {
    requireAdmin(principal);
    const count = limit ?? DEFAULT_AUDIT_EVENTS;
    if (!Number.isInteger(count) || count < 1 || count > MAX_AUDIT_EVENTS) {
      throw codedError('BAD_USER_INPUT', `limit must be 1 to ${MAX_AUDIT_EVENTS}`, {
        argument: 'limit',
        limit: MAX_AUDIT_EVENTS,
      });
    }
    return store.auditLog(partner.id, count);
  }

  @FieldResolver(() => [PendingInvitation], {
    description: 'Invitations neither accepted nor revoked, newest first (admins).',
  })
  invitations(@Root() partner: Partner, @Ctx() { store, principal }: BillingContext) {
    requireAdmin(principal);
    return store.pendingInvitations(partner.id);
  }

  @FieldResolver(() => Plan)
  async plan(@Root() partner: Partner, @Ctx() { loaders }: BillingContext) {
    const plan = await loaders.plan.load(partner.planId);
    if (!plan) throw new Error(`partner ${partner.id} refers to missing plan ${partner.planId}`);
    return plan;
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() partner: Partner, @Ctx() { loaders }: BillingContext) {
    return partner.customerId ? loaders.customer.load(partner.customerId) : null;
  }
}

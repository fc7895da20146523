import { NeverCached } from '@meridian/kit';
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Partner } from './partner.type';
import { Invitation, Role } from './user.type';

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({
  description: "One entry of a partner's audit log: who did what, and why when a reason was asked.",
})
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      'What happened, as `<thing>.<verb>`: partner.onboarded, partner.plan-changed, partner.suspended, invitation.resent, key.rolled, …',
  })
  action!: string;

  @Field(() => String, { description: 'Who did it: a portal user by e-mail, or an API key by name.' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'The key id or e-mail address acted on, if any.' })
  subject!: string | null;

  @Field(() => String, { nullable: true })
  detail!: string | null;

  @Field(() => String, { nullable: true, description: 'The reason given (suspensions and reactivations).' })
  reason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export enum PartnerStatus {
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
}

registerEnumType(PartnerStatus, {
  name: 'PartnerStatus',
  description: 'ACTIVE: its keys work. SUSPENDED: its keys are refused with PARTNER_SUSPENDED.',
});

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({ description: "A change of a partner's status, with who made it and why." })
export class PartnerStatusChange {
  @Field(() => PartnerStatus)
  status!: PartnerStatus;

  @Field(() => String)
  actor!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Date)
  at!: Date;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({ description: 'An invitation not yet accepted nor revoked; its link is not shown again.' })
export class PendingInvitation {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { description: 'After this the link is refused; resend it for a new one.' })
  expiresAt!: Date;
}

@InputType({ description: 'A partner organisation to create, with the developers to invite to it.' })
export class OnboardPartnerInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID)
  planId!: string;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Each gets an invitation link by e-mail; every address is checked before anything is made.',
  })
  developerEmails?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Onboard even when a partner of the same name exists (refused with DUPLICATE_PARTNER_NAME otherwise).',
  })
  allowDuplicateName?: boolean | null;
}

@NeverCached()
@ObjectType({ description: 'A partner just onboarded, and the invitations sent to its developers.' })
export class OnboardedPartner {
  @Field(() => Partner)
  partner!: Partner;

  @Field(() => [Invitation], { description: 'Their links are shown here once, and e-mailed.' })
  invitations!: Invitation[];
}

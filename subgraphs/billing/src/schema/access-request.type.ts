import { NeverCached } from '@meridian/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Invitation } from './user.type';

export enum AccessRequestStatus {
  PENDING = 'pending',
  APPROVED = 'approved',
  DECLINED = 'declined',
}

registerEnumType(AccessRequestStatus, {
  name: 'AccessRequestStatus',
  description: 'PENDING until the business team approves (a partner is created) or declines it.',
});

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({
  description: 'Someone asking for a partner account with the public form; no access until approved.',
})
export class AccessRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The organisation to create as a partner.' })
  organisation!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { description: 'What they mean to build, in their words.' })
  useCase!: string;

  @Field(() => AccessRequestStatus)
  status!: AccessRequestStatus;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  partnerId!: string | null;
}

@NeverCached()
@ObjectType({ description: 'An approved request: the partner was created and the requester invited.' })
export class AccessRequestApproval {
  @Field(() => AccessRequest)
  request!: AccessRequest;

  @Field(() => Invitation, { description: 'Also sent by e-mail to the requester.' })
  invitation!: Invitation;
}

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({ description: 'An e-mail kept in the outbox because no SMTP server is configured.' })
export class OutboxMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  recipient!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => String)
  body!: string;

  @Field(() => Date)
  createdAt!: Date;
}

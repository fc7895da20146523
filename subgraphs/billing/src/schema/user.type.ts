import { NeverCached } from '@meridian/kit';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum Role {
  ADMIN = 'admin',
  DEVELOPER = 'developer',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'ADMIN: the business team, across partners. DEVELOPER: a member of one partner organisation.',
});

@NeverCached()
@ObjectType({ description: 'Someone who signs in to the portal.' })
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Date)
  createdAt!: Date;

  partnerId!: string | null;
}

@NeverCached()
@ObjectType({ description: 'A signed-in portal session.' })
export class Session {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`; short lived.' })
  accessToken!: string;

  @Field(() => String, { description: 'Exchanges once for a new session with `refreshSession`.' })
  refreshToken!: string;

  @Field(() => Date, { description: 'When the access token stops working.' })
  expiresAt!: Date;

  @Field(() => User)
  user!: User;
}

@NeverCached()
@ObjectType({ description: 'A single-use, expiring link that lets someone create their portal user.' })
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The secret of the link; shown only now.' })
  token!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Date)
  expiresAt!: Date;

  partnerId!: string | null;
}

@NeverCached()
@ObjectType({ description: 'What an invitation link is for, read before it is accepted.' })
export class InvitationPreview {
  @Field(() => String, { description: 'The e-mail address the portal user will sign in with.' })
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => String, {
    nullable: true,
    description: 'The partner organisation joined; null for the Meridian business team.',
  })
  organisation!: string | null;

  @Field(() => Date)
  expiresAt!: Date;
}

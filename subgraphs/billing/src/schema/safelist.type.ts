import { NeverCached } from '@meridian/kit';
import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({
  description:
    "An operation on a partner's safelist. Send its `id` as the persisted-query hash (`extensions.persistedQuery.sha256Hash`) instead of the text; keys marked `safelistOnly` run nothing else.",
})
export class SafelistedOperation {
  @Field(() => ID, { description: 'The SHA-256 (hex) of `text`, exactly as registered.' })
  id!: string;

  @Field(() => String)
  text!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  partnerId!: string;
}

@InputType({ description: 'An operation to put on a safelist.' })
export class SafelistOperationInput {
  @Field(() => String, {
    description: 'The whole document, byte for byte as clients will send it: its SHA-256 becomes the id.',
  })
  text!: string;

  @Field(() => String, { nullable: true, description: 'A label for people, e.g. the operation name.' })
  name?: string | null;
}

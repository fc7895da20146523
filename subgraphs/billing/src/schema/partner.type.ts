import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["billing:read"]])')
@ObjectType({
  description: 'An organisation with API access: its developers hold keys and are billed on a plan.',
})
export class Partner {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  createdAt!: Date;

  customerId!: string | null;
  planId!: string;
}

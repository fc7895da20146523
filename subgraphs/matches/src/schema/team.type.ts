import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A club.' })
export class Team {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Three-letter abbreviation shown on score bugs.' })
  shortName!: string;

  @Field(() => String)
  city!: string;
}

import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { REFERENCE_DATA } from './cache-hints';

@Directive('@key(fields: "id")')
@CacheHint(REFERENCE_DATA)
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

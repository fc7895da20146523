import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { REFERENCE_DATA } from './cache-hints';

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(REFERENCE_DATA)
@ObjectType({ description: 'A league or cup.' })
export class Competition {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Country code or region the competition belongs to.' })
  area!: string;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(REFERENCE_DATA)
@ObjectType({ description: 'One edition of a competition, e.g. 2024/2025.' })
export class Season {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  competitionId!: string;
}

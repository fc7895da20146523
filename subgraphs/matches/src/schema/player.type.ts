import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { REFERENCE_DATA } from './cache-hints';

export enum Position {
  GOALKEEPER = 'GOALKEEPER',
  DEFENDER = 'DEFENDER',
  MIDFIELDER = 'MIDFIELDER',
  FORWARD = 'FORWARD',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(Position, {
  name: 'Position',
  description: "A player's usual line on the pitch.",
  valuesConfig: {
    UNKNOWN: {
      description:
        'The data provider names no line: a substitute who stayed on the bench, or anonymised data.',
    },
  },
});

@Directive('@key(fields: "id")')
@CacheHint(REFERENCE_DATA)
@ObjectType({ description: "A player in a club's squad." })
export class Player {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  shirtNumber!: number;

  @Field(() => Position)
  position!: Position;

  teamId!: string;
}

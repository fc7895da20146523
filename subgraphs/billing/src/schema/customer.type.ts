import { CacheHint } from '@meridian/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ACCOUNTS } from './cache-hints';

export enum Industry {
  BROADCASTING = 'BROADCASTING',
  AVIATION = 'AVIATION',
  ANALYTICS = 'ANALYTICS',
}

registerEnumType(Industry, { name: 'Industry', description: 'What a customer does with the data it buys.' });

@Directive('@key(fields: "id")')
@Directive('@requiresScopes(scopes: [["billing:read"]])')
@CacheHint(ACCOUNTS)
@ObjectType({
  description:
    'A company that buys Meridian data: a broadcaster of matches, an operator of aircraft, an analytics firm.',
})
export class Customer {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country code.' })
  country!: string;

  @Field(() => Industry)
  industry!: Industry;

  @Field(() => Date, { description: 'When the company became a customer.' })
  createdAt!: Date;
}

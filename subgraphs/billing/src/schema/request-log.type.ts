import { NeverCached } from '@meridian/kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@Directive('@requiresScopes(scopes: [["billing:read"]])')
@NeverCached()
@ObjectType({
  description:
    "One request in a partner's request log, as the gateway answered it. Kept for REQUEST_LOG_RETENTION_DAYS (7 by default), and at most REQUEST_LOG_MAX_PER_KEY entries (10,000 by default) per key.",
})
export class RequestLogEntry {
  @Field(() => String, { description: 'The id the gateway echoed in the `x-request-id` response header.' })
  requestId!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => ID, { description: "The key's id, or `anonymous` for the portal's own calls." })
  keyId!: string;

  @Field(() => String, { description: 'The operation name, or `anonymous:<hash>` for an unnamed one.' })
  operation!: string;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the answer.' })
  status!: number | null;

  @Field(() => String, { nullable: true, description: "`extensions.code` of the answer's first error." })
  errorCode!: string | null;

  @Field(() => Int, {
    description: 'Cost points: the actual cost when the operation ran, else the estimate.',
  })
  cost!: number;

  @Field(() => Float, { description: 'Time spent in the gateway, in milliseconds.' })
  durationMs!: number;

  @Field(() => String, {
    description: '`ok`, `error` (ran with errors) or `rejected` (refused at the edge).',
  })
  outcome!: string;

  @Field(() => Boolean, { description: 'Whether the request counts against the monthly quota.' })
  billable!: boolean;
}

import { codedError } from '@meridian/schema';
import {
  Args,
  ArgsType,
  Field,
  Float,
  ID,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { RequiresScopes } from '@meridian/kit';
import type { MatchesContext } from '../context';
import { EventType } from '../ingest/bundle';
import { everyInterval, ofTypes } from '../live/downsample';
import { MatchEvent } from '../schema/event.type';
import { Frame } from '../schema/frame.type';
import { badInput, checkEvery } from './limits';

type Data = SubscribeResolverData<
  unknown,
  { matchId: string; every?: number; types?: EventType[] },
  MatchesContext
>;

/** The match a subscription is for, checked before anything is subscribed. */
async function liveMatch({ args, context }: Data) {
  const match = await context.loaders.match.load(args.matchId);
  if (!match) throw badInput('matchId', `is not a known match: ${args.matchId}`);
  if (!context.pubSub) throw codedError('SERVICE_UNAVAILABLE', 'live data is not served by this instance');
  return { match, pubSub: context.pubSub, topics: context.topics };
}

@ArgsType()
class MatchFramesArgs {
  @Field(() => ID)
  matchId!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds of match time between frames; every frame when omitted.',
  })
  every?: number;
}

@ArgsType()
class MatchEventsArgs {
  @Field(() => ID)
  matchId!: string;

  @Field(() => [EventType], { nullable: true })
  types?: EventType[];
}

// The arguments are read by `subscribe`; the resolvers only pass each published payload through.
@Resolver()
export class LiveResolver {
  @RequiresScopes('matches:read')
  @Subscription(() => Frame, {
    description:
      'Frames of a match as they are played, in order, from the current frame on; one every `every` seconds when given.',
    subscribe: async (data: Data) => {
      const { match, pubSub, topics } = await liveMatch(data);
      checkEvery(data.args.every, match.frameRate);
      return everyInterval(
        pubSub.subscribe(topics.frames(match.id)) as AsyncIterable<Frame>,
        data.args.every,
      );
    },
  })
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- declared for the schema, read by subscribe
  matchFrames(@Root() frame: Frame, @Args(() => MatchFramesArgs) _args: MatchFramesArgs): Frame {
    // Through Redis the payload travels as JSON, so the publication time arrives as a string.
    return { ...frame, publishedAt: frame.publishedAt === null ? null : new Date(frame.publishedAt) };
  }

  @RequiresScopes('matches:read')
  @Subscription(() => MatchEvent, {
    description: 'Events of a match as they happen; only the given types when `types` is set.',
    subscribe: async (data: Data) => {
      const { match, pubSub, topics } = await liveMatch(data);
      return ofTypes(pubSub.subscribe(topics.events(match.id)) as AsyncIterable<MatchEvent>, data.args.types);
    },
  })
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- declared for the schema, read by subscribe
  matchEvents(@Root() event: MatchEvent, @Args(() => MatchEventsArgs) _args: MatchEventsArgs): MatchEvent {
    return { ...event, publishedAt: event.publishedAt ? new Date(event.publishedAt) : null };
  }
}

import { CacheHint } from '@meridian/kit';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AS_ITS_MATCH, SEASON_TOTALS } from './cache-hints';

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'Distance covered within one speed band.' })
export class SpeedZoneDistance {
  @Field(() => String)
  zone!: string;

  @Field(() => Float, { description: 'Lower bound, m/s.' })
  minSpeed!: number;

  @Field(() => Float, { nullable: true, description: 'Upper bound, m/s; null for the top zone.' })
  maxSpeed!: number | null;

  @Field(() => Float, { description: 'Metres.' })
  distance!: number;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: 'Frames spent in each cell of a grid over the pitch.' })
export class Heatmap {
  @Field(() => Int)
  columns!: number;

  @Field(() => Int)
  rows!: number;

  @Field(() => [Int], {
    description:
      'Row-major counts, from the corner at (−length/2, −width/2): cell (c, r) is counts[r * columns + c].',
  })
  counts!: number[];
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({
  description: 'Physical stats of a player: distance, speed, sprints (> 7 m/s for at least 1 s).',
})
export class PlayerStats {
  @Field(() => Float, { description: 'Metres covered.' })
  distance!: number;

  @Field(() => Float, { description: 'Highest speed held over half a second, m/s.' })
  topSpeed!: number;

  @Field(() => Int)
  sprints!: number;

  @Field(() => Float, { description: 'Seconds with a known position.' })
  secondsTracked!: number;

  zoneDistances!: number[];
  playerId!: string;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: "A player's stats in one match." })
export class PlayerMatchStats extends PlayerStats {
  matchId!: string;
  teamId!: string;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(SEASON_TOTALS)
@ObjectType({ description: "A player's stats summed over the matches of a season." })
export class PlayerSeasonStats extends PlayerStats {
  @Field(() => Int)
  matches!: number;

  seasonId!: string;
}

@Directive('@requiresScopes(scopes: [["matches:read"]])')
@CacheHint(AS_ITS_MATCH)
@ObjectType({ description: "A team's share of ball possession in a match." })
export class TeamPossession {
  @Field(() => Float)
  seconds!: number;

  @Field(() => Float, { description: 'Share of the time either team had the ball, 0–1.' })
  share!: number;

  @Field(() => ID)
  teamId!: string;
}

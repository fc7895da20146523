import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TelemetryContext } from '../context';
import { Engine } from '../schema/engine.type';
import { EngineAttention } from '../schema/telemetry.types';

@Resolver(() => EngineAttention)
export class EngineAttentionResolver {
  @FieldResolver(() => Engine)
  engine(@Root() attention: EngineAttention, @Ctx() { loaders }: TelemetryContext) {
    return loaders.engine.load(attention.engineId);
  }
}

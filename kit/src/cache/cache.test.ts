import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { Arg, Directive, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { buildFederatedSchema } from '../federation';
import { CacheHint, cacheControlDirective, NeverCached, type CacheLifetime } from './directives';

/** A shelf item: in stock it may be kept a minute, sold out only a second. */
@Directive('@key(fields: "id")')
@CacheHint({ maxAge: 60, scope: 'PUBLIC' })
@ObjectType()
class Item {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  stock!: number;

  @Field(() => [Label])
  labels!: Label[];
}

@CacheHint({ inheritMaxAge: true })
@ObjectType()
class Label {
  @Field(() => String)
  text!: string;
}

@Directive('@key(fields: "id")')
@CacheHint({ maxAge: 30, scope: 'PRIVATE' })
@ObjectType()
class Basket {
  @Field(() => ID)
  id!: string;
}

@NeverCached()
@ObjectType()
class Secret {
  @Field(() => String)
  value!: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
class Unhinted {
  @Field(() => ID)
  id!: string;
}

const SOLD_OUT_MAX_AGE = 1;
const itemHint = (item: Item): CacheLifetime => ({
  maxAge: item.stock > 0 ? 60 : SOLD_OUT_MAX_AGE,
  scope: 'PUBLIC',
});

const items: Record<string, Item> = {
  full: { id: 'full', stock: 3, labels: [{ text: 'new' }] },
  empty: { id: 'empty', stock: 0, labels: [] },
};

@Resolver()
class ShopResolver {
  @Query(() => [Item])
  items(@Arg('ids', () => [ID]) ids: string[]): Item[] {
    return ids.map((id) => items[id]!);
  }

  @Query(() => Item, { nullable: true })
  async item(@Arg('id', () => ID) id: string): Promise<Item | null> {
    return items[id] ?? null;
  }

  @Query(() => Basket)
  basket(): Basket {
    return { id: 'b1' };
  }

  @Query(() => Secret)
  secret(): Secret {
    return { value: 'hush' };
  }

  @Query(() => Unhinted)
  unhinted(): Unhinted {
    return { id: 'u1' };
  }

  @Mutation(() => Item)
  restock(@Arg('id', () => ID) id: string): Item {
    return items[id]!;
  }
}

async function startShop(): Promise<ApolloServer> {
  const schema = await buildFederatedSchema(
    { resolvers: [ShopResolver] },
    {
      Item: { __resolveReference: async (reference) => items[String(reference.id)] ?? null },
      Basket: { __resolveReference: (reference) => ({ id: String(reference.id) }) },
      Unhinted: { __resolveReference: (reference) => ({ id: String(reference.id) }) },
    },
    undefined,
    { Item: itemHint },
  );
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await server.start();
  return server;
}

describe('cache hints of a subgraph', () => {
  let server: ApolloServer;
  beforeAll(async () => {
    server = await startShop();
  });
  afterAll(async () => {
    await server.stop();
  });

  /** The Cache-Control header Apollo Server answers `query` with, after checking it ran cleanly. */
  const cacheControl = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await server.executeOperation({ query, variables });
    expect(response.body.kind === 'single' && response.body.singleResult.errors).toBeUndefined();
    return response.http.headers.get('cache-control');
  };
  const entities = (representations: object[]) =>
    cacheControl(
      'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Item { stock } } }',
      { r: representations },
    );

  it('write @cacheControl for a lifetime, an inherited one, and never', () => {
    expect(cacheControlDirective({ maxAge: 60, scope: 'PUBLIC' })).toBe(
      '@cacheControl(maxAge: 60, scope: PUBLIC)',
    );
    expect(cacheControlDirective({ inheritMaxAge: true })).toBe('@cacheControl(inheritMaxAge: true)');
    expect(() => cacheControlDirective({ maxAge: -1, scope: 'PUBLIC' })).toThrow(/0 or more/);
    expect(() => cacheControlDirective({ maxAge: 1.5, scope: 'PRIVATE' })).toThrow(/whole seconds/);
  });

  it('give an answer the lifetime and scope of its types; what hangs off a type lives as long', async () => {
    expect(await cacheControl('{ item(id: "full") { id labels { text } } }')).toBe('max-age=60, public');
    expect(await cacheControl('{ basket { id } }')).toBe('max-age=30, private');
    expect(await cacheControl('{ item(id: "full") { id } basket { id } }')).toBe('max-age=30, private');
  });

  it('never cache types marked so, types without a hint, or any mutation', async () => {
    expect(await cacheControl('{ secret { value } }')).toBe('no-store');
    expect(await cacheControl('{ item(id: "full") { id } secret { value } }')).toBe('no-store');
    expect(await cacheControl('{ unhinted { id } }')).toBe('no-store');
    expect(await cacheControl('mutation { restock(id: "full") { id } }')).toBe('no-store');
  });

  it('shorten the lifetime by each value, in lists and single fields alike', async () => {
    expect(await cacheControl('{ items(ids: ["full"]) { id } }')).toBe('max-age=60, public');
    expect(await cacheControl('{ items(ids: ["full", "empty"]) { id } }')).toBe(
      `max-age=${SOLD_OUT_MAX_AGE}, public`,
    );
    expect(await cacheControl('{ item(id: "empty") { id } }')).toBe(`max-age=${SOLD_OUT_MAX_AGE}, public`);
  });

  it('hint _entities by the types and values it resolves', async () => {
    expect(await entities([{ __typename: 'Item', id: 'full' }])).toBe('max-age=60, public');
    expect(
      await entities([
        { __typename: 'Item', id: 'full' },
        { __typename: 'Item', id: 'empty' },
      ]),
    ).toBe(`max-age=${SOLD_OUT_MAX_AGE}, public`);
    expect(
      await entities([
        { __typename: 'Item', id: 'full' },
        { __typename: 'Basket', id: 'b1' },
      ]),
    ).toBe('max-age=30, private');
    expect(await entities([{ __typename: 'Unhinted', id: 'u1' }])).toBe('no-store');
    expect(
      await entities([
        { __typename: 'Item', id: 'full' },
        { __typename: 'Unhinted', id: 'u1' },
      ]),
    ).toBe('no-store');
  });
});

describe('a mutation or subscription with a cache hint of its own', () => {
  it('is refused when the schema is built', async () => {
    @Resolver()
    class HintedWriteResolver {
      @Query(() => String)
      hello(): string {
        return 'hello';
      }

      @CacheHint({ maxAge: 60, scope: 'PUBLIC' })
      @Mutation(() => String)
      write(): string {
        return 'written';
      }
    }
    await expect(buildFederatedSchema({ resolvers: [HintedWriteResolver] })).rejects.toThrow(
      /Mutation.write has a cache hint, but mutations and subscriptions are never cached/,
    );
  });
});

import 'reflect-metadata';
import fs from 'node:fs';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { checkApiSchema, printApiSchema } from '@meridian/schema/tooling';
import { parse } from 'graphql';
import { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from './compose';
import { subgraphs, type SubgraphSource } from './subgraphs';

/** A one-file subgraph: the federation directives linked, `@public` defined as kit defines it, and `types`. */
function shop(types: string): SubgraphSource {
  const typeDefs = parse(`
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes"])
    directive @public on FIELD_DEFINITION | OBJECT
    ${types}
  `);
  return {
    name: 'shop',
    url: 'http://127.0.0.1:4999/graphql',
    build: async () => buildSubgraphSchema({ typeDefs }),
  };
}

const DECLARED = `
  type Query {
    catalog: [Product!]! @public
    basket: [Product!]! @authenticated
  }
  type Mutation {
    order(sku: ID!): Boolean @requiresScopes(scopes: [["shop:write"]])
  }
  type Product @key(fields: "sku") @requiresScopes(scopes: [["shop:read"]]) {
    sku: ID!
    price: Int
  }
  type Supplier @key(fields: "id") {
    id: ID!
    products: [Product!]! @requiresScopes(scopes: [["shop:read"]])
  }
`;

describe('schema/supergraph.graphql', () => {
  it('is what composing the subgraphs gives today (run `npm run compose` when this fails)', async () => {
    const composed = await composeSupergraph();
    expect(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composed);
  });

  it('keeps every operation of the latest release working: no breaking change (npm run schema:check)', async () => {
    const { baseline, breaking } = await checkApiSchema(printApiSchema(await composeSupergraph()));
    expect(baseline).toBeDefined();
    expect(breaking.map((change) => change.message)).toEqual([]);
  });

  it("leaves out the subgraphs' cache hints, which only their own answers carry", async () => {
    const [matches] = subgraphs;
    expect(printSubgraphSchema(await matches!.build())).toMatch(
      /@cacheControl\(maxAge: 3600, scope: PUBLIC\)/,
    );
    expect(await composeSupergraph()).not.toMatch(/cacheControl|CacheControlScope/);
  });

  it('joins billing customers to the matches they broadcast and the aircraft they operate', async () => {
    const composed = await composeSupergraph();
    expect(composed).toMatch(/broadcasts: \[Match!\]! @join__field\(graph: MATCHES\)/);
    expect(composed).toMatch(/aircraft: \[Aircraft!\]! @join__field\(graph: TELEMETRY\)/);
    expect(composed).toMatch(
      /type Match\n {2}@join__type\(graph: MATCHES, key: "id"\)[^}]*broadcaster: Customer\n/,
    );
  });
});

describe('access declarations', () => {
  it('compose when every root field and every entity declares its access', async () => {
    await expect(composeSupergraph([shop(DECLARED)])).resolves.toMatch(/catalog: \[Product!\]!/);
  });

  it('fail composition naming each root field and entity field that declares none', async () => {
    const forgetful = shop(`
      ${DECLARED.replace('order(sku: ID!): Boolean @requiresScopes(scopes: [["shop:write"]])', 'order(sku: ID!): Boolean')}
      type Warehouse @key(fields: "id") {
        id: ID!
        stock(sku: ID!): Int
        city: String @public
      }
    `);
    const failure = composeSupergraph([forgetful]);
    await expect(failure).rejects.toBeInstanceOf(CompositionError);
    await expect(failure).rejects.toMatchObject({
      problems: [
        'shop: Mutation.order declares no access (add @requiresScopes, @authenticated or @public)',
        'shop: Warehouse.stock declares no access (add @requiresScopes, @authenticated or @public)',
      ],
    });
  });

  it('keep `@public` in the supergraph, beside the rules', async () => {
    const composed = await composeSupergraph();
    expect(composed).toMatch(/login\(.*\): Session! @join__field\(graph: BILLING\) @public\n/);
    expect(composed).toMatch(/me: User @join__field\(graph: BILLING\) @authenticated\n/);
    expect(composed).toMatch(/fleets: \[Fleet!\]! .*@requiresScopes\(scopes: \[\["telemetry:read"\]\]\)/);
  });
});

import type { Plugin } from '@docusaurus/types';
import path from 'node:path';

/**
 * The operations plugin reads files webpack cannot see; naming them as build dependencies of the persistent
 * cache (when Docusaurus uses one) makes a change to an operation, an example or the snippet renderer evict
 * it, so a cached page never shows an old operation.
 */
export function operationsCachePlugin(): Plugin {
  return {
    name: 'meridian-operations-cache',
    configureWebpack(config) {
      const { cache } = config;
      if (typeof cache === 'object' && cache.type === 'filesystem') {
        cache.buildDependencies = {
          ...cache.buildDependencies,
          operations: [
            `${path.join(__dirname, 'operations')}/`,
            `${path.join(__dirname, 'scripts', 'src')}/`,
          ],
          plugins: [__filename],
        };
      }
      return {};
    },
  };
}

/**
 * The stylesheets pages link themselves: importing one gives the address of a file of its own. Docusaurus
 * merges every other imported stylesheet into the one file all pages load; the explorer alone needs
 * GraphiQL's half a megabyte.
 */
const LINKED_STYLESHEETS = [
  require.resolve('graphiql/style.css', { paths: [__dirname] }),
  path.resolve(__dirname, 'src/components/explorer.linked.css'),
];

export function linkedStylesheetsPlugin(): Plugin {
  return {
    name: 'meridian-linked-stylesheets',
    configureWebpack(config, isServer, { getStyleLoaders }) {
      for (const rule of config.module?.rules ?? []) {
        if (rule && typeof rule === 'object' && rule.test instanceof RegExp && rule.test.test('style.css')) {
          rule.exclude = [rule.exclude ?? [], LINKED_STYLESHEETS].flat();
        }
      }
      // The site's PostCSS step (it flattens nesting, which the minimizer cannot read), without the
      // loaders that would merge the result into the site's stylesheet.
      const postcss = getStyleLoaders(false, {}).filter(
        (loader) => typeof loader === 'object' && loader.loader?.includes('postcss-loader'),
      );
      return {
        module: {
          rules: [
            {
              include: LINKED_STYLESHEETS,
              type: 'asset/resource',
              use: isServer ? [] : postcss,
              generator: { filename: 'assets/css/[name].[contenthash:8][ext]', emit: !isServer },
            },
          ],
        },
      };
    },
  };
}

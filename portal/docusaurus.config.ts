import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { operationsCachePlugin, linkedStylesheetsPlugin } from './plugins';
import remarkOperations from './scripts/src/remark-operations';

const config: Config = {
  title: 'Meridian',
  tagline: 'One GraphQL endpoint over match tracking, engine telemetry and billing',
  url: 'http://127.0.0.1:4000',
  baseUrl: '/',
  favicon: 'img/favicon.svg',
  onBrokenLinks: 'throw',
  markdown: { hooks: { onBrokenMarkdownLinks: 'throw' } },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          routeBasePath: 'docs',
          // Code blocks marked `operation=<domain>/<name>` are filled from portal/operations at build time.
          remarkPlugins: [remarkOperations],
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
      } satisfies Preset.Options,
    ],
  ],
  themes: [
    [
      // Full-text search built into the site at build time: works offline, no service to call.
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: 'docs',
        language: ['en'],
        explicitSearchResultPath: true,
      },
    ],
  ],
  plugins: [
    operationsCachePlugin,
    linkedStylesheetsPlugin,
    [
      // `npm run generate` runs its `docusaurus graphql-to-doc`: the API reference from the public schema.
      '@graphql-markdown/docusaurus',
      {
        schema: './generated/api-schema.graphql',
        rootPath: './docs',
        baseURL: 'reference/api',
        homepage: './scripts/api-reference.md',
        loaders: { GraphQLFileLoader: '@graphql-tools/graphql-file-loader' },
        force: true,
        docOptions: { index: true },
      },
    ],
  ],
  themeConfig: {
    prism: { additionalLanguages: ['bash', 'http'] },
    navbar: {
      title: 'Meridian',
      items: [
        { type: 'docSidebar', sidebarId: 'docs', position: 'left', label: 'Docs' },
        { to: '/console', label: 'Console', position: 'left' },
        { to: '/console/explorer', label: 'Explorer', position: 'left' },
        { to: '/admin', label: 'Admin', position: 'right' },
      ],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;

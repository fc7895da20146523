/** A stylesheet the page links itself: the import is its address (see `linkedStylesheetsPlugin`). */
declare module 'graphiql/style.css' {
  const href: string;
  export default href;
}

declare module '*.linked.css' {
  const href: string;
  export default href;
}

/** The absolute path of the portal's build folder, whether or not it has been built yet. */
declare const buildDir: string;
export = buildDir;

/**
 * Where `npm run build` writes the portal, exported as `@meridian/portal/build-dir`: the folder the gateway
 * serves at `/`, named whether or not it has been built yet (the gateway looks for a build on each request).
 */
'use strict';

const path = require('node:path');

module.exports = path.join(__dirname, 'build');

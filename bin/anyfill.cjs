#!/usr/bin/env node
// Runs in: CLI (Node). The package's `anyfill` command; the code lives in the bundled dist/node/cli.cjs.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'node', 'cli.cjs');
if (!fs.existsSync(cli)) {
  console.error('anyfill: not built yet. Run "npm run build" in ' + path.dirname(__dirname));
  process.exit(2);
}
require(cli)
  .main(process.argv.slice(2))
  .then((code) => {
    if (code !== 0) process.exitCode = code;
  });

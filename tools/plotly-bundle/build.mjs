// A plotly.js bundle holding only the trace types the site draws, from plotly.js's own modules.
//
// usage: node tools/plotly-bundle/build.mjs NODE_MODULES OUT TRACE [TRACE ...]
//
// NODE_MODULES holds plotly.js and esbuild (installed by ./dev, never committed); OUT is written
// only once the bundle is complete, so an interrupted build never leaves half a bundle behind.
// The bundle is an IIFE that sets window.Plotly, like the official dist bundles, minified, with
// no source map and no absolute path in it: the same versions and traces give the same bytes.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [modules, out, ...traces] = process.argv.slice(2);
if (!modules || !out || traces.length === 0) {
  console.error("usage: node build.mjs NODE_MODULES OUT TRACE [TRACE ...]");
  process.exit(2);
}
const require = createRequire(path.resolve(modules, "package.json"));
const lib = path.resolve(modules, "plotly.js", "lib");
for (const trace of traces) {
  if (!/^[a-z0-9]+$/.test(trace) || !fs.existsSync(path.join(lib, `${trace}.js`))) {
    console.error(`plotly.js has no trace type '${trace}' (no lib/${trace}.js in ${lib})`);
    process.exit(2);
  }
}
// plotly.js/lib/core registers scatter itself; every other trace is registered here.
const drawn = [...new Set(traces)].sort();
const registered = drawn.filter((trace) => trace !== "scatter");
const entry = [
  'var Plotly = require("./core");',
  `Plotly.register([${registered.map((trace) => `require("./${trace}")`).join(", ")}]);`,
  "module.exports = Plotly;",
].join("\n");

const esbuild = require("esbuild");
const version = require("plotly.js/package.json").version;
const partial = `${out}.partial`;
await esbuild.build({
  stdin: { contents: entry, resolveDir: lib, sourcefile: "plotly-site.js" },
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  // plotly.js's dependencies read Node's `global`; in a browser that is the window
  define: { global: "window" },
  // a stylesheet of the map library imported by plotly.js's core: the site draws no map
  loader: { ".css": "empty" },
  banner: { js: `/*! plotly.js v${version} (MIT License, Plotly, Inc.), traces: ${drawn.join(" ")} */` },
  legalComments: "eof",
  logLevel: "error",
  outfile: partial,
});
fs.renameSync(partial, out);

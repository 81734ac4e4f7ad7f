// A plotly.js bundle holding only the trace types the site draws, from plotly.js's own modules.
//
// usage: node tools/plotly-bundle/build.mjs NODE_MODULES OUT TRACE [TRACE ...]
//
// NODE_MODULES holds plotly.js and esbuild (installed by ./dev, never committed); OUT is written
// only once the bundle is complete, so an interrupted build never leaves half a bundle behind.
// The bundle is an IIFE that sets window.Plotly, like the official dist bundles, minified, with
// no source map and no absolute path in it: the same versions and traces give the same bytes.
//
// Its core is plotly.js's own src/core.js with only the components the site's charts use
// registered (COMPONENTS below): the others (sliders, menus, range sliders, error bars, 3D
// annotations, ...) are a twentieth of the bundle, and plotly.js asks its registry for a
// component's methods, which are no-ops for one that was never registered.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

// The components the site's figures use (generator/charts/): annotations (lane names, network
// labels, flow amounts), shapes (the timeline's rules between lanes), the legend, hover (fx)
// and colour scales (scatter and bar markers read their defaults); and the mode bar, hidden
// (charts.js draws with displayModeBar false), whose layout plotly.js reads on every drawing.
// Not kept: the colour bar (no figure shows a scale) and every component no figure has.
const COMPONENTS = ["annotations", "shapes", "colorscale", "legend", "fx", "modebar"];

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
// src/core.js registers scatter itself; every other trace is registered here.
const drawn = [...new Set(traces)].sort();
const registered = drawn.filter((trace) => trace !== "scatter");
const entry = [
  coreWith(fs.readFileSync(path.resolve(modules, "plotly.js", "src", "core.js"), "utf8")),
  `exports.register([${registered.map((trace) => `require("../lib/${trace}")`).join(", ")}]);`,
].join("\n");

// plotly.js's core.js with the registration of every component not in COMPONENTS left out;
// it fails rather than bundle a core it does not recognise.
function coreWith(core) {
  const line = /^\s*require\('\.\/components\/([a-z0-9]+)'\),?(\s*\/\/.*)?$/gm;
  const found = [...core.matchAll(line)].map((match) => match[1]);
  const missing = COMPONENTS.filter((name) => !found.includes(name));
  if (found.length === 0 || missing.length > 0) {
    console.error(`plotly.js's src/core.js does not register ${missing.join(", ") || "components"} as expected`);
    process.exit(2);
  }
  return core.replace(line, (text, name) => (COMPONENTS.includes(name) ? text : ""));
}

const esbuild = require("esbuild");
const version = require("plotly.js/package.json").version;
const partial = `${out}.partial`;
await esbuild.build({
  stdin: { contents: entry, resolveDir: path.resolve(modules, "plotly.js", "src"), sourcefile: "plotly-site.js" },
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  // plotly.js's dependencies read Node's `global`; in a browser that is the window
  define: { global: "window" },
  // a stylesheet of the map library imported by plotly.js's core: the site draws no map
  loader: { ".css": "empty" },
  banner: { js: `/*! plotly.js v${version} (MIT License, Plotly, Inc.), traces: ${drawn.join(" ")}, components: ${COMPONENTS.join(" ")} */` },
  legalComments: "eof",
  logLevel: "error",
  outfile: partial,
});
fs.renameSync(partial, out);

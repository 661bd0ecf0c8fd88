// Bundles plotly-book.js into build/plotly-book.min.js with esbuild (`npm run build`;
// `make html` runs it). The settings are plotly.js's own (its esbuild-config.js) without
// the plugins that only its WebGL and map traces need; the CSS that the map traces import
// is left out for the same reason. The banner names the plotly.js version, which
// backprop/sphinxext.py compares with the plotly Python package's.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const plotly = join(dirname(require.resolve("plotly.js/package.json")));
const { version } = JSON.parse(readFileSync(join(plotly, "package.json"), "utf8"));
const copyright = readFileSync(join(plotly, "LICENSE"), "utf8")
  .split("\n")
  .find((line) => line.startsWith("Copyright"));

await build({
  entryPoints: [join(here, "plotly-book.js")],
  outfile: join(here, "build", "plotly-book.min.js"),
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "Plotly",
  target: "es2016",
  define: { global: "window", "define.amd": "false" },
  loader: { ".css": "empty" },
  banner: {
    js:
      `/**\n* plotly.js (partial bundle for the backprop book: plotly-book.js) v${version}\n` +
      `* ${copyright}\n* Licensed under the MIT license\n*/`,
  },
  logLevel: "warning",
});

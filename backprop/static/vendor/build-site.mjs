// Bundles the site's own script, the ES modules of backprop/static/js (main.mjs and what it
// imports), into build/backprop.js with esbuild (`npm run build-site`; `make html` runs it).
// backprop/sphinxext.py copies it to every page's _static/backprop.js, which it adds
// deferred: one classic script, as the modules' code runs in the browser (not minified, and
// no syntax lowered), wrapped in a function in strict mode.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

await build({
  entryPoints: [join(here, "..", "js", "main.mjs")],
  outfile: join(here, "build", "backprop.js"),
  bundle: true,
  format: "iife",
  banner: {
    js:
      "/* The book's website for every reader: built by\n" +
      " * backprop/static/vendor/build-site.mjs from the modules in backprop/static/js\n" +
      " * (edit those). */\n" +
      '"use strict";',
  },
  logLevel: "warning",
});

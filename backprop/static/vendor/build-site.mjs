// Bundles the site's own script, the ES modules of backprop/static/js (main.mjs and what it
// imports), into build/backprop.js with esbuild, and the print edition's (print.mjs) into
// build/print.js (`npm run build-site`; `make html` runs it).
// backprop/sphinxext.py copies it to every page's _static/backprop.js, which it adds
// deferred: one classic script, as the modules' code runs in the browser (not minified, and
// no syntax lowered), wrapped in a function in strict mode.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

// the website's script, and the print edition's (print.mjs, on the book's single page only)
for (const [entry, out] of [
  ["main.mjs", "backprop.js"],
  ["print.mjs", "print.js"],
]) {
  await build({
    entryPoints: [join(here, "..", "js", entry)],
    outfile: join(here, "build", out),
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
}

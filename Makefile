# Two commands do everything: `make html` builds the website, `make test` runs every test.
# Both set up a virtual environment in .venv from the pinned requirements the first time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := _build/html
PORT   ?= 8000
# The site's npm packages (plotly.js and esbuild for the site's plotly.js bundle and its
# own script, axe-core for the browser test), pinned there.
NPM    := backprop/static/vendor
NPM_STAMP := $(NPM)/node_modules/.installed
PLOTLY_BUNDLE := $(NPM)/build/plotly-book.min.js
# the site's own script: its ES modules (with their unit tests in tests/js) and the bundle
# of them that every page loads
JS     := backprop/static/js
SITE_BUNDLE := $(NPM)/build/backprop.js

# The notebooks' stored outputs come from this machine's own BLAS kernel (`make outputs`);
# `make test` compares them with a run under another one, the most generic of the CPU family,
# so that a printed number that depends on the last bit of a sum fails here, on the machine
# that adds it, and not on the next contributor's. (Without OpenBLAS, as with macOS's
# Accelerate, the variable does nothing.)
ARCH := $(shell uname -m)
OTHER_BLAS := $(if $(filter x86_64 amd64,$(ARCH)),Prescott,$(if $(filter aarch64 arm64,$(ARCH)),ARMV8,))

.PHONY: help html test lint test-js serve lab bench export sync-url outputs clean prerequisites \
	pdf test-pdf

help:
	@echo "make html      build the website into $(SITE)/ (strict: any warning or cell error fails)"
	@echo "make test      lint, unit tests, every notebook under nbval, the site in headless Chromium"
	@echo "make test-js   the unit tests of the site's script (node --test tests/js)"
	@echo "make pdf       the print edition: $(PDF) and the cheat sheet on one A4 page"
	@echo "make test-pdf  build the print edition and check it (tests/print)"
	@echo "make serve     serve the built website on http://127.0.0.1:$(PORT)/"
	@echo "make lab       open the chapters in JupyterLab (with jupyterlab-myst, as on Binder)"
	@echo "make bench     print build times, page weights, widget update times (Python, and key"
	@echo "              press to redrawn figure in JupyterLab), and time per epoch against"
	@echo "              scikit-learn on the digits, what the input checks add to a call, and"
	@echo "              Lighthouse's phone profile on every page (about 10 minutes)"
	@echo "make export    write the code cells marked '# saved to backprop.<module>' to the package"
	@echo "make sync-url  write _config.yml's repository.url into each notebook's Colab cell"
	@echo "make outputs   re-run every notebook and store its outputs (for nbval)"

$(STAMP): requirements.txt binder/requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NPM_STAMP): $(NPM)/package.json $(NPM)/package-lock.json
	npm ci --no-audit --no-fund --prefix $(NPM)
	touch $@

# plotly.js with only the trace types the figures use (plotly-book.js)
$(PLOTLY_BUNDLE): $(NPM_STAMP) $(NPM)/plotly-book.js $(NPM)/build-plotly.mjs
	npm run --silent --prefix $(NPM) build

# the modules of $(JS) as one script (backprop.js)
$(SITE_BUNDLE): $(NPM_STAMP) $(NPM)/build-site.mjs $(wildcard $(JS)/*.mjs)
	npm run --silent --prefix $(NPM) build-site

# What the website is built from: the build runs again when one of these is newer than the
# last build (so `make test` after `make html` does not build the same site twice).
SOURCES := _config.yml _toc.yml $(shell find book backprop -type f -not -path '*/node_modules/*' \
	-not -path '*/__pycache__/*' -not -path '*/vendor/build/*' 2>/dev/null)
BUILT   := _build/.html-built
# the seconds the last `make test` took, per test file (printed by `make bench`)
TIMES   := _build/test-times.txt

html: $(BUILT)
	@echo "The website is in $(SITE)/. Read it with: make serve"

# The build runs a notebook again only when its code changed (execute_notebooks: cache);
# the outputs also depend on the package the notebooks import, so a change to the package
# empties that cache and rebuilds every page (Sphinx would otherwise read again only the
# notebooks whose files changed). The build's own modules change the pages, not the
# outputs: they rebuild every page from the cache.
BUILD_ONLY := backprop/sphinxext.py backprop/iconfonts.py backprop/_dev.py backprop/_print.py
$(BUILT): $(STAMP) $(PLOTLY_BUNDLE) $(SITE_BUNDLE) $(SOURCES)
	$(if $(filter-out $(BUILD_ONLY),$(filter backprop/%.py,$?)),rm -rf _build/.jupyter_cache)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going \
		$(if $(filter backprop/%.py,$?),--all)
	@touch $@
	@echo

lint: $(STAMP)
	$(BIN)/ruff check backprop tests book
	$(BIN)/ruff format --check backprop tests book
	$(BIN)/python -m backprop._dev export --check
	$(BIN)/python -m backprop._dev sync-url --check

# the pure parts of the site's script, in Node (node:test): no browser, no npm package
test-js:
	node --test tests/js/

# chromium and npm first, before any work: installed as root, otherwise one line says what to do
prerequisites:
	@bash tests/prerequisites.sh

# Tests that share a kernel or a page visit stay on one worker (scope_of in
# tests/conftest.py). Ends with the seconds spent per test file.
test: prerequisites
	@rm -f $(TIMES); start=$$(date +%s); \
	$(MAKE) --no-print-directory lint test-js html || exit 1; \
	built=$$(( $$(date +%s) - start )); \
	$(if $(OTHER_BLAS),OPENBLAS_CORETYPE=$(OTHER_BLAS)) BOOK_TEST_TIMES=$(TIMES) \
		$(BIN)/pytest -n 2 --dist loadscope \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		--durations=10 --ignore=tests/print tests book; status=$$?; \
	echo "make test: $$(( $$(date +%s) - start )) s in all, $$built s of it lint, the" \
		"site script's unit tests and the site's build check; notebooks compared under" \
		"the OpenBLAS kernel $(or $(OTHER_BLAS),of this machine)" | tee -a $(TIMES); \
	exit $$status

# The print edition: the book as one page (Sphinx's singlehtml builder, from the same
# notebooks and cache as the website), printed by headless Chromium (backprop/_print.py,
# which says why this route); the cheat sheet is printed from the website's own page.
PDF       := _build/pdf/backprop-book.pdf
SINGLE    := _build/singlehtml/book.html
$(SINGLE): $(BUILT)
	$(BIN)/jupyter-book build . --builder singlehtml --warningiserror --nitpick --keep-going --all

$(PDF): $(SINGLE)
	$(BIN)/python -m backprop._print

pdf: prerequisites $(PDF)

test-pdf: pdf
	$(BIN)/pytest -q tests/print

serve:
	@test -f $(SITE)/index.html || { echo "No website yet: run make html first"; exit 1; }
	@echo "Serving the book on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory $(SITE) $(PORT)

lab: $(STAMP)
	$(BIN)/jupyter lab book/intro.md

bench: html
	$(BIN)/python tests/benchmarks/bench_book.py
	$(BIN)/python tests/benchmarks/bench_digits.py
	$(BIN)/python tests/benchmarks/bench_playground.py
	$(BIN)/python tests/benchmarks/bench_validation.py
	$(BIN)/python tests/benchmarks/bench_lighthouse.py

export: $(STAMP)
	$(BIN)/python -m backprop._dev export

sync-url: $(STAMP)
	$(BIN)/python -m backprop._dev sync-url

outputs: $(STAMP)
	$(BIN)/python -m backprop._dev execute book/*.ipynb

clean:
	rm -rf _build $(NPM)/build

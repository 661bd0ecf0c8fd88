# Two commands do everything: `make html` builds the website, `make test` runs every test.
# Both set up a virtual environment in .venv from the pinned requirements the first time.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SITE   := _build/html
PORT   ?= 8000
# The site's npm packages (plotly.js and esbuild for the site's plotly.js bundle, axe-core
# for the browser test), pinned there.
NPM    := backprop/static/vendor
NPM_STAMP := $(NPM)/node_modules/.installed
PLOTLY_BUNDLE := $(NPM)/build/plotly-book.min.js

.PHONY: help html test lint serve lab bench export sync-url outputs clean

help:
	@echo "make html      build the website into $(SITE)/ (strict: any warning or cell error fails)"
	@echo "make test      lint, unit tests, every notebook under nbval, the site in headless Chromium"
	@echo "make serve     serve the built website on http://127.0.0.1:$(PORT)/"
	@echo "make lab       open the chapters in JupyterLab (with jupyterlab-myst, as on Binder)"
	@echo "make bench     print build times, page weights, widget update times (Python, and key"
	@echo "              press to redrawn figure in JupyterLab), and time per epoch against"
	@echo "              scikit-learn on the digits"
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

html: $(STAMP) $(PLOTLY_BUNDLE)
	$(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
	@echo
	@echo "The website is in $(SITE)/. Read it with: make serve"

lint: $(STAMP)
	$(BIN)/ruff check backprop tests book
	$(BIN)/ruff format --check backprop tests book
	$(BIN)/python -m backprop._dev export --check
	$(BIN)/python -m backprop._dev sync-url --check

test: lint html
	$(BIN)/pytest -n 2 --dist loadscope \
		--nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg \
		tests book

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

export: $(STAMP)
	$(BIN)/python -m backprop._dev export

sync-url: $(STAMP)
	$(BIN)/python -m backprop._dev sync-url

outputs: $(STAMP)
	$(BIN)/python -m backprop._dev execute book/*.ipynb

clean:
	rm -rf _build $(NPM)/build

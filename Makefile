# The commands people type. Everything installs from the committed locks:
#   requirements/*.txt (Python, hashed), package-lock.json (browser assets and checkers).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := site

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := .tools/uv/bin/uv
SITE_DIR ?= site
REMOTE ?= origin
BRANCH ?= gh-pages

# Bytecode is compiled once at install time: machines that set PYTHONDONTWRITEBYTECODE
# would otherwise recompile every module on every build.
export UV_COMPILE_BYTECODE := 1
export UV_NO_PROGRESS := 1
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test lint bench deploy lock chromium clean

$(UV): requirements/uv.txt
	$(PYTHON) -m venv .tools/uv
	.tools/uv/bin/pip install --quiet --require-hashes -r requirements/uv.txt
	touch $@

$(VENV)/.site-installed: requirements/site.txt | $(UV)
	test -x $(BIN)/python || $(UV) venv --quiet --python $(PYTHON) $(VENV)
	$(UV) pip install --quiet --require-hashes --python $(BIN)/python -r requirements/site.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.site-installed
	$(UV) pip install --quiet --require-hashes --python $(BIN)/python -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium for the browser tests; installed only when missing.
chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Build into a scratch folder and swap it in only when the strict build succeeds,
# so a failed build never replaces a good site.
site: $(VENV)/.site-installed node_modules/.installed
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf $(SITE_DIR) && mv .site-build $(SITE_DIR)
	@echo "Site written to $(SITE_DIR)/"

serve: $(VENV)/.site-installed node_modules/.installed
	$(BIN)/mkdocs serve --strict --watch data --watch macros --watch mkdocs.yml

lint: $(VENV)/.dev-installed node_modules/.installed
	$(BIN)/ruff check macros tests

test: $(VENV)/.dev-installed node_modules/.installed chromium lint
	$(BIN)/pytest

lock: | $(UV)
	$(UV) pip compile pyproject.toml --generate-hashes --no-header --universal \
	  --python-version 3.11 -q -o requirements/site.txt
	$(UV) pip compile pyproject.toml --group pyproject.toml:test --generate-hashes \
	  --no-header --universal --python-version 3.11 -c requirements/site.txt -q \
	  -o requirements/dev.txt

clean:
	rm -rf $(SITE_DIR) .site-build

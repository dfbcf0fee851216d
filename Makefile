# The two commands a newcomer runs: `make serve` and `make test` (see README.md).
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

PIP := --quiet --disable-pip-version-check

.PHONY: install serve build test clean lock audit

# Every Python package of the tree comes from a lock, pinned with its hashes (pip refuses any
# other file). The build backend comes first, from its own lock, so that the packages published
# only as source and the project itself are built with it, never with an unlocked download. The
# project is installed last, with no dependency of its own resolved.
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements-build.lock requirements-test.lock
	python3 -m venv --clear $(VENV)
	$(BIN)/pip install $(PIP) --require-hashes --no-deps -r requirements-build.lock
	$(BIN)/pip install $(PIP) --require-hashes --no-deps --no-build-isolation -r requirements-test.lock
	$(BIN)/pip install $(PIP) --no-deps --no-build-isolation -e .
	$(BIN)/pip check --disable-pip-version-check
	touch $@

# Ports of `make serve` and `make edit` (another one: `make serve SERVE_PORT=8001`).
SERVE_PORT ?= 8000
EDITOR_PORT ?= 8081

serve: install node_modules/.installed
	SITE_URL=http://127.0.0.1:$(SERVE_PORT)/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(SERVE_PORT)

build: install node_modules/.installed
	$(BIN)/mkdocs build --strict

# The staff editor on this machine, without GitHub: decap-server commits to this clone's git
# (a branch per item, merged into the current branch on "Công bố"), the site at http://127.0.0.1:8000/quan-tri/.
# Stop both with Ctrl+C.
.PHONY: edit
edit: install node_modules/.installed
	MODE=git BIND_HOST=127.0.0.1 PORT=$(EDITOR_PORT) GIT_REPO_DIRECTORY=$(CURDIR) node node_modules/decap-server/dist/index.js & \
	trap 'kill $$!' EXIT; SITE_URL=http://127.0.0.1:$(SERVE_PORT)/ \
	SITE_EDITOR_BACKEND=http://127.0.0.1:$(EDITOR_PORT)/api/v1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(SERVE_PORT)

test: install browser
	$(BIN)/python -m pytest

# -- Staff commands (data/README.md), typed as they are: no virtual environment to activate. --
.PHONY: check tin-moi duyet
check: install
	@$(BIN)/python scripts/validate.py

tin-moi: install
	@$(BIN)/python scripts/new_article.py

duyet: install
	@$(BIN)/python scripts/review.py

# -- npm packages (package-lock.json, install scripts off: vnu-jar's would download a Java of its own):
# the staff editor copied into the site and decap-server; for the browser tests axe-core, Lighthouse
# and vnu.jar, Debian's Chromium (never a downloaded browser) and Java for the Nu HTML Checker. --
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: browser
browser: /usr/bin/chromium /usr/bin/java node_modules/.installed

/usr/bin/chromium:
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

/usr/bin/java:
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y default-jre-headless

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@
# -- end of npm and browser --

# -- The locks: recomputed from pyproject.toml and requirements-tools.in by `make lock` (PyPI
# needed) after changing a version there; requirements.lock is the site's own tree (no test tools). `make audit` asks an advisory database (online) about
# every locked package; it is not part of `make test`, which must pass offline. --
TOOLS := .venv-tools
COMPILE := $(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

$(TOOLS)/.installed: requirements-tools.lock
	python3 -m venv --clear $(TOOLS)
	$(TOOLS)/bin/pip install $(PIP) --require-hashes --no-deps -r requirements-tools.lock
	touch $@

lock: $(TOOLS)/.installed
	$(COMPILE) --all-build-deps --only-build-deps --output-file requirements-build.lock pyproject.toml
	$(COMPILE) --output-file requirements.lock pyproject.toml
	$(COMPILE) --extra test --output-file requirements-test.lock pyproject.toml
	$(COMPILE) --output-file requirements-tools.lock requirements-tools.in

audit: $(TOOLS)/.installed
	$(TOOLS)/bin/pip-audit --strict --require-hashes --disable-pip --progress-spinner off \
		-r requirements-build.lock -r requirements-test.lock -r requirements-tools.lock
# -- end of the locks --

clean:
	rm -rf $(VENV) $(TOOLS) site node_modules

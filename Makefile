# The two commands a newcomer runs: `make serve` and `make test` (see README.md).
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

serve: install node_modules/.installed
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install node_modules/.installed
	$(BIN)/mkdocs build --strict

# The staff editor on this machine, without GitHub: decap-server commits to this clone's git
# (a branch per item, merged into the current branch on "Công bố"), the site at http://127.0.0.1:8000/quan-tri/.
.PHONY: edit
edit: install node_modules/.installed
	MODE=git BIND_HOST=127.0.0.1 PORT=8081 GIT_REPO_DIRECTORY=$(CURDIR) node node_modules/decap-server/dist/index.js & \
	trap 'kill $$!' EXIT; SITE_URL=http://127.0.0.1:8000/ SITE_EDITOR_BACKEND=http://127.0.0.1:8081/api/v1 \
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: install browser
	$(BIN)/python -m pytest

# -- npm packages (package-lock.json): the staff editor copied into the site, decap-server, axe-core;
# and for the browser tests Debian's Chromium (never a downloaded browser). --
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: browser
browser: /usr/bin/chromium node_modules/.installed

/usr/bin/chromium:
	$(SUDO) apt-get update
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@
# -- end of npm and browser --

clean:
	rm -rf $(VENV) site node_modules

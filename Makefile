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

serve: install
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

test: install browser
	$(BIN)/python -m pytest

# -- Browser tests: Debian's Chromium (never a downloaded browser), Java for the Nu HTML Checker,
# and from npm axe-core, Lighthouse and vnu.jar (install scripts off: vnu-jar's would download a Java of its own). --
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
# -- end of browser tests --

clean:
	rm -rf $(VENV) site node_modules

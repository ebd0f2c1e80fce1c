# Two commands on a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: demo test lint format bench-clean clean chromium wget

# Runtime dependencies at the versions the tests passed with (constraints.txt).
$(VENV)/.runtime: pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.test: pyproject.toml constraints.txt $(VENV)/.runtime
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@

# The health page's browser test needs Debian's chromium; without it the test skips.
chromium:
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium); } \
		|| echo "chromium not installed: the health page's browser test will skip"

# The WARC-in test ingests a WARC written by `wget --warc-file`; without wget it skips.
wget:
	@command -v wget >/dev/null || { command -v apt-get >/dev/null && \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wget); } \
		|| echo "wget not installed: the WARC-in tests will skip"

## demo: set up, serve the bundled demo news site, crawl it into ./archive, print a summary
demo: $(VENV)/.runtime
	$(VENV)/bin/newscrawler demo --archive archive --state state

## test: set up with the test dependencies (SeaweedFS, Redis) and run the whole suite
test: $(VENV)/.test chromium wget
	$(PY) -m pytest -q

lint: $(VENV)/.test
	$(VENV)/bin/ruff check newscrawler tests bench
	$(VENV)/bin/ruff format --check newscrawler tests bench

format: $(VENV)/.test
	$(VENV)/bin/ruff format newscrawler tests bench
	$(VENV)/bin/ruff check --fix newscrawler tests bench

clean:
	rm -rf archive state .demo

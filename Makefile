# The two commands of the README: `make demo` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install system clean

# System packages the tests need, from Debian: Chromium for the browser tests (tests/browser.py; Playwright
# drives it through executable_path, so `playwright install` never downloads a browser of its own) and
# PostgreSQL, whose server the tests start in a temporary data directory.
system:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then apt-get update && apt-get install -y $$missing; fi

$(STAMP): pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,ray,postgres]'
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

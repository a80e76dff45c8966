# The two commands of the README: `make demo` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/bilat ingest src/bilat/demo --db bilat.db
	$(BIN)/bilat docs --db bilat.db

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) bilat.db bilat.db-wal bilat.db-shm .pytest_cache

# StemSafe: `make run` starts the assistant, `make test` runs everything CI runs.
# Every install step lives here, so a fresh clone on a fresh machine needs nothing else.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
RASA    := $(VENV)/bin/rasa
PIP_VERSION := 26.3
MODEL   := models/stemsafe.tar.gz
SPACY   := models/spacy_pipeline/meta.json
TRAIN_INPUTS := config.yml domain.yml $(wildcard data/*.yml) $(wildcard components/*.py) $(SPACY)

export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: help run shell test lint unit validate story-test e2e bench venv spacy train clean

help:
	@echo "make run    - set up (first time), train if needed, start StemSafe and print its URLs"
	@echo "make test   - everything CI runs"
	@echo "make shell  - chat with StemSafe in this terminal"
	@echo "make bench  - print NLU accuracy figures"

# --- set-up -------------------------------------------------------------------------------------
$(VENV)/.installed: requirements.txt scripts/find-python310.sh
	@if [ ! -x $(PY) ]; then \
	  py310="$$(scripts/find-python310.sh)" || exit 1; \
	  echo "Creating $(VENV) with $$py310"; \
	  "$$py310" -m venv $(VENV); \
	fi
	$(PY) -m pip install --quiet --upgrade "pip==$(PIP_VERSION)"
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

venv: $(VENV)/.installed

$(SPACY): data/spacy_patterns.jsonl bot/nlp_pipeline.py | $(VENV)/.installed
	$(PY) -m bot.nlp_pipeline

spacy: $(SPACY)

# Rasa's training cache does not notice a rebuilt spaCy pipeline at the same path: force then.
$(MODEL): $(TRAIN_INPUTS) | $(VENV)/.installed
	@mkdir -p var
	@force=""; if [ -f $@ ] && [ $(SPACY) -nt $@ ]; then force="--force"; fi; \
	time $(RASA) train --fixed-model-name stemsafe --out models $$force
	@touch $@

train: $(MODEL)

# --- use ----------------------------------------------------------------------------------------
run: $(MODEL)
	@scripts/run.sh

shell: $(MODEL)
	@mkdir -p var
	@$(RASA) run actions --port 5055 >var/actions.log 2>&1 & pid=$$!; \
	trap "kill $$pid" EXIT; $(RASA) shell --model $(MODEL)

# --- checks -------------------------------------------------------------------------------------
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

unit: $(VENV)/.installed $(SPACY)
	$(PY) -m pytest -q tests/unit

validate: $(VENV)/.installed
	$(RASA) data validate --fail-on-warnings

story-test: $(MODEL)
	rm -rf results/core
	$(RASA) test core --model $(MODEL) --stories tests/stories --e2e --fail-on-prediction-errors --successes --out results/core
	$(PY) scripts/check-story-results.py results/core

e2e: $(MODEL)
	$(PY) -m pytest -q tests/e2e

bench: $(MODEL)
	$(PY) bench/nlu_accuracy.py

test: lint unit validate story-test e2e
	$(PY) bench/nlu_accuracy.py --min-intent-accuracy 0.85 --min-faq-accuracy 0.85

clean:
	rm -rf models results var .rasa

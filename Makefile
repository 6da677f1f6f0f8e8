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
WEBCHAT := web/vendor/webchat.js
WEBCHAT_VERSION   := 1.0.1
WEBCHAT_INTEGRITY := sha512-Ld1zVJvTAaTrs6A5p8t70agNNrKYRyXlvqXZRgBoDvKKUXbA0jhJKECi5bdPGlaR6jsmqWtVylHS+YqIqo0x8w==
AXE     := tests/vendor/axe.min.js
AXE_VERSION   := 4.14.1
AXE_INTEGRITY := sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
DOMAIN_GEN := domain/clinic_check.yml
TRAIN_INPUTS := config.yml $(wildcard domain/*.yml) $(DOMAIN_GEN) $(wildcard data/*.yml) $(wildcard components/*.py) $(SPACY)

export PYTHONPATH := $(CURDIR)
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export RASA_TELEMETRY_ENABLED := false

.PHONY: help run shell test lint unit validate story-test e2e security holdout browser browser-deps bench bench-deps venv spacy webchat train clean audit report

help:
	@echo "make run    - set up (first time), train if needed, start StemSafe and print its URLs"
	@echo "make test   - everything CI runs"
	@echo "make shell  - chat with StemSafe in this terminal"
	@echo "make bench  - print NLU accuracy and speed figures (beside a stock rasa init bot)"
	@echo "make report - the review queue's figures: answers marked helpful, ask-back and fallback rates, top unanswered (DAYS=30)"
	@echo "make audit  - check requirements.txt against published advisories (pip-audit; not part of make test)"

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

# The clinic check's slots, form and question responses follow from bot/questions.py.
$(DOMAIN_GEN): bot/questions.py runtime/clinic_check_domain.py | $(VENV)/.installed
	$(PY) -m runtime.clinic_check_domain

$(SPACY): data/spacy_patterns.jsonl data/condition_patterns.jsonl bot/nlp_pipeline.py | $(VENV)/.installed
	$(PY) -m bot.nlp_pipeline

spacy: $(SPACY)

$(WEBCHAT): scripts/fetch-npm-file.sh
	scripts/fetch-npm-file.sh rasa-webchat $(WEBCHAT_VERSION) $(WEBCHAT_INTEGRITY) lib/index.js $@

webchat: $(WEBCHAT)

# axe-core for the accessibility tests (tests/browser/); the app never serves it.
$(AXE): scripts/fetch-npm-file.sh Makefile
	scripts/fetch-npm-file.sh axe-core $(AXE_VERSION) $(AXE_INTEGRITY) axe.min.js $@

# Rasa's training cache does not notice a rebuilt spaCy pipeline at the same path: force then.
# The cache is off unless RASA_MAX_CACHE_SIZE (MB) says otherwise: on a fresh machine or a clean checkout it is
# written (hundreds of MB of featurised examples after each featuriser) and never read, which cost minutes.
# runtime.train is Rasa's `rasa train` without the fingerprints such a cache would have been handed.
$(MODEL): $(TRAIN_INPUTS) | $(VENV)/.installed
	@mkdir -p var
	@force=""; if [ -f $@ ] && [ $(SPACY) -nt $@ ]; then force="--force"; fi; \
	export RASA_MAX_CACHE_SIZE=$${RASA_MAX_CACHE_SIZE:-0}; \
	time $(PY) -m runtime.train --domain domain --fixed-model-name stemsafe --out models $$force
	@touch $@

train: $(MODEL)

# --- use ----------------------------------------------------------------------------------------
run: $(MODEL) $(WEBCHAT)
	@scripts/run.sh

# Both servers listen on loopback only: neither has authentication (security review M4).
shell: $(MODEL)
	@mkdir -p var
	@SANIC_HOST=127.0.0.1 $(RASA) run actions --port 5055 >var/actions.log 2>&1 & pid=$$!; \
	trap "kill $$pid" EXIT; $(PY) -m runtime.serve shell --model $(MODEL) --interface 127.0.0.1

# --- checks -------------------------------------------------------------------------------------
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

unit: $(VENV)/.installed $(SPACY) $(DOMAIN_GEN)
	$(PY) -m pytest -q tests/unit

validate: $(VENV)/.installed
	$(RASA) data validate --domain domain --fail-on-warnings

# Through runtime.serve, as the server runs: the same Rasa checks and speed fixes.
story-test: $(MODEL)
	rm -rf results/core
	$(PY) -m runtime.serve test core --model $(MODEL) --stories tests/stories --e2e --fail-on-prediction-errors --successes --out results/core
	$(PY) scripts/check-story-results.py results/core

e2e: $(MODEL) $(WEBCHAT)
	$(PY) -m pytest -q tests/model tests/e2e tests/scaled

security: $(MODEL) $(WEBCHAT)
	$(PY) -m pytest -q tests/security

# Debian's Chromium (no browser download: only package registries are reachable here).
browser-deps:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

browser: $(MODEL) $(WEBCHAT) $(AXE) browser-deps
	$(PY) -m pytest -q tests/browser

# HAProxy from Debian's packages, for the replica benchmark (bench/balancer.py).
bench-deps:
	@command -v haproxy >/dev/null || [ -x /usr/sbin/haproxy ] || { \
	  echo "Installing Debian's haproxy for the replica benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }

bench: $(MODEL) bench-deps
	$(PY) bench/reading_grade.py
	$(PY) bench/nlu_accuracy.py
	$(PY) bench/load.py --replicas 3

# What people told us (issue 19): figures from the review queue over the last DAYS days (records database:
# var/records.db or DATABASE_URL).
DAYS ?= 30
report: $(VENV)/.installed
	$(PY) -m bench.feedback_report --days $(DAYS)

# Advisories for every pinned package (pip-audit, in a venv of its own under var/: it needs packaging >= 23,
# Rasa 3.6 needs < 21). Advisories left open on purpose are listed, each with why, in SECURITY.md and here.
# Not part of `make test`: a new advisory must not turn CI red with no code change. Needs PyPI's JSON API or
# OSV; without either it says so and exits 2 (nothing was checked).
PIP_AUDIT_VERSION := 2.10.1
AUDIT_SERVICE ?= pypi  # or osv: make audit AUDIT_SERVICE=osv
AUDIT_VENV := var/audit-venv
AUDIT_IGNORE := $(shell sed -n 's/^| *\(\(PYSEC\|GHSA\|CVE\)-[^ |]*\) *|.*/--ignore-vuln \1/p' SECURITY.md)
$(AUDIT_VENV)/.installed: Makefile
	@mkdir -p var
	@[ -x $(AUDIT_VENV)/bin/python ] || "$$(scripts/find-python310.sh)" -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet "pip-audit==$(PIP_AUDIT_VERSION)"
	@touch $@

audit: $(AUDIT_VENV)/.installed
	@status=0; $(AUDIT_VENV)/bin/pip-audit --requirement requirements.txt --no-deps --disable-pip \
	  --vulnerability-service $(AUDIT_SERVICE) --progress-spinner off --timeout 30 $(AUDIT_IGNORE) >var/audit.out 2>&1 || status=$$?; \
	if grep -qE "ConnectionError|NameResolutionError|Max retries exceeded" var/audit.out; then \
	  tail -1 var/audit.out; echo "make audit: the advisory service ($(AUDIT_SERVICE)) could not be reached: nothing was checked"; \
	  exit 2; fi; \
	cat var/audit.out; unchecked=$$(grep -c "could not be audited" var/audit.out || true); \
	if [ "$$unchecked" -gt 0 ]; then \
	  echo "make audit: $$unchecked package(s) could not be checked (no advisory service reached: PyPI JSON API, OSV)"; \
	  exit 2; fi; \
	exit $$status

# The NLU quality gate on the held-out sets, English and Spanish.
holdout: $(MODEL)
	$(PY) bench/nlu_accuracy.py --min-intent-accuracy 0.85 --min-faq-accuracy 0.85
	$(PY) bench/nlu_accuracy.py --holdout tests/nlu_holdout_es.yml --min-intent-accuracy 0.85 --min-faq-accuracy 0.85

# The fast checks first (a lint or unit failure stops here), then the model, then the suites that load it, two at
# a time: each starts its own servers on free ports with its own databases, and most of their time is spent
# starting servers and waiting on replies, so two side by side finish in about 60% of the time of one after the
# other (2026-11-30). --output-sync keeps each suite's output in one piece.
test: lint unit validate $(MODEL) $(WEBCHAT) $(AXE) browser-deps
	$(MAKE) --no-print-directory -j2 --output-sync=target e2e security story-test browser holdout

clean:
	rm -rf models results var .rasa

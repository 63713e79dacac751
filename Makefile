# The two commands a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test send-sample check lint bench clean

$(INSTALLED): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	npm ci --no-audit --no-fund --loglevel=error  # GOV.UK Frontend for the web pages
	touch $(INSTALLED)

## run: install, create the database, load config/, serve with the dev mailbox (Ctrl-C stops)
run: $(INSTALLED)
	$(BIN)/broker config check
	$(BIN)/broker serve

## test: install with the dev extras and run the whole suite (SQLite and PostgreSQL)
test: $(INSTALLED)
	bash .ci/ensure-postgres
	bash .ci/ensure-chromium
	$(BIN)/python -m pytest -n 2 --dist loadgroup

## send-sample: email the sample referral to the running service
send-sample: $(INSTALLED)
	$(BIN)/python -m broker.examples.send_referral

# The market's pure decisions (workflows/market/: its tables, steps, classification)
MARKET_CORE := $(addprefix workflows/market/,application.py application_steps.py \
	application_form.py window.py notices.py classify.py instructions.py snapshot.py \
	commands.py events.py states.py)
## lint: ruff everywhere, mypy on the pure core (forms, anonymisation, directory, rules, decisions)
CORE := broker/forms broker/anonymise broker/directory broker/eligibility.py broker/tokens.py \
	broker/links.py broker/settings.py broker/clock.py broker/comparison.py broker/referral.py \
	broker/cascade.py workflows/commands.py workflows/instructions.py workflows/window.py \
	workflows/placement.py workflows/agreement.py workflows/intake.py workflows/responses.py \
	workflows/lifecycle.py workflows/events.py workflows/snapshot.py workflows/states.py \
	workflows/permissions.py workflows/classify.py workflows/waves.py channels/slack \
	channels/email/compose.py broker/cron.py $(MARKET_CORE) \
	workflows/review.py workflows/signoff.py workflows/duplicates.py \
	workflows/retention_policy.py workflows/lapse.py broker/mailauth.py broker/ipa_pdf.py \
	workflows/web_shortlist.py \
	broker/maildomains.py \
	channels/web/console
lint: $(INSTALLED)
	$(BIN)/ruff check broker workflows channels tests bench
	$(BIN)/mypy $(CORE)

## bench: the published figures (writes bench/results/*.json)
bench: $(INSTALLED)
	$(BIN)/python bench/broadcast.py
	$(BIN)/python bench/replies.py
	$(BIN)/python bench/deadlines.py
	$(BIN)/python bench/chaos.py
	$(BIN)/python bench/fuzz.py
	$(BIN)/python bench/sandbox.py
	$(BIN)/python bench/anonymise.py

clean:
	rm -rf $(VENV) var .pytest_cache node_modules

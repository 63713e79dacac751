# What a newcomer needs: `make run` and `make send-sample`; a developer, `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# The dev extras (pytest, Playwright, ruff, mypy: about 250 MB more), for test and lint
# only: `make run` never needs them.
DEV_INSTALLED := $(VENV)/.installed-dev

.PHONY: run test send-sample lint bench clean

$(INSTALLED): pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	npm ci --no-audit --no-fund --loglevel=error  # GOV.UK Frontend for the web pages
	touch $(INSTALLED)

$(DEV_INSTALLED): $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(DEV_INSTALLED)

## run: install, create the database, load config/, serve with the dev mailbox (Ctrl-C stops)
run: $(INSTALLED)
	$(BIN)/broker config check
	$(BIN)/broker serve

## test: install with the dev extras and run the whole suite (SQLite and PostgreSQL)
test: $(DEV_INSTALLED)
	bash .ci/ensure-postgres
	bash .ci/ensure-chromium
	$(BIN)/python -m pytest -n 2 --dist loadgroup

## send-sample: email the sample referral to the running service
send-sample: $(INSTALLED)
	$(BIN)/python -m broker.examples.send_referral

# The market's pure decisions (workflows/market/: its tables, steps, classification)
MARKET_CORE := $(addprefix workflows/market/,application.py application_steps.py \
	application_form.py window.py notices.py help.py classify.py instructions.py snapshot.py \
	commands.py events.py states.py)
## lint: ruff everywhere, mypy on the pure core (forms, anonymisation, directory, rules, decisions)
CORE := broker/forms broker/anonymise broker/directory broker/eligibility.py broker/tokens.py \
	broker/links.py broker/settings.py broker/clock.py broker/working_time.py broker/comparison.py broker/referral.py \
	broker/cascade.py workflows/commands.py workflows/instructions.py workflows/window.py \
	workflows/placement.py workflows/agreement.py workflows/intake.py workflows/responses.py \
	workflows/agreement_rounds.py workflows/agreement_proposal.py workflows/agreement_reply.py \
	workflows/agreement_words.py workflows/agreement_endings.py \
	workflows/confirmed.py workflows/passed_on.py workflows/her_words.py workflows/wrong_thread.py \
	workflows/counter_start.py workflows/safety.py workflows/one_thing.py workflows/reply_lines.py \
	workflows/year_cost.py workflows/cost_weeks.py workflows/option_costs.py workflows/search_outcome.py \
	workflows/condition_cost.py workflows/copied_in.py workflows/offers_apart.py \
	workflows/subject_initials.py workflows/people.py workflows/handover.py \
	workflows/reply_looks.py workflows/question_answer.py workflows/chase_now.py workflows/offer_kind.py \
	workflows/lifecycle.py workflows/events.py workflows/snapshot.py workflows/states.py \
	workflows/permissions.py workflows/classify.py workflows/waves.py channels/slack \
	channels/email/compose.py broker/cron.py $(MARKET_CORE) \
	workflows/review.py workflows/signoff.py workflows/duplicates.py \
	workflows/retention_policy.py workflows/lapse.py broker/mailauth.py broker/ipa_pdf.py \
	workflows/web_shortlist.py workflows/needed.py channels/connections.py channels/web/deadline.py \
	workflows/professionals.py \
	broker/maildomains.py broker/golive.py broker/listening.py \
	channels/web/console
lint: $(DEV_INSTALLED)
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

## clean: delete what make installed (.venv, node_modules, .pytest_cache); var/ (the database
## and the secret key) stays: delete it yourself to start again with no referrals
clean:
	rm -rf $(VENV) .pytest_cache node_modules

# WalkStats: `make report` writes the reports under reports/, `make test` runs every test.
# Both install GSL (Debian's libgsl-dev) and pkg-config first when they are missing.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
SAMPLE := datasets/sample/retro-walking-trial.csv
REPORT_FORMATS := md json csv

VENV := .venv

.PHONY: report replicate write-reports write-replication test deps reports-are-current notebooks fixtures sample-data clean

## Install the C library WalkStats links (apt-get; sudo only when not root).
deps:
	@if ! dpkg -s libgsl-dev >/dev/null 2>&1 || ! command -v pkg-config >/dev/null 2>&1; then \
		echo "Installing libgsl-dev and pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev pkg-config; \
	fi

PUBLISHED := datasets/published/arm-summaries.csv
STUDIES := $(shell tail -n +2 datasets/published/studies.csv | cut -d, -f1)

## Build in release mode and write every report and figure under reports/.
report: deps
	$(SWIFT) build -c release --product walkstats
	$(MAKE) --no-print-directory write-reports BIN=.build/release/walkstats OUT=reports

## Build in release mode and write reports/replication/<study>.md and reports/evidence.md.
replicate: deps
	$(SWIFT) build -c release --product walkstats
	$(MAKE) --no-print-directory write-replication BIN=.build/release/walkstats OUT=reports

# Internal: write all reports with $(BIN) into $(OUT).
write-reports: write-replication
	@test -n "$(BIN)" -a -n "$(OUT)"
	@mkdir -p $(OUT)/examples
	@for f in $(REPORT_FORMATS); do \
		format=$$f; [ $$f = md ] && format=markdown; \
		$(BIN) report $(SAMPLE) --format $$format --output $(OUT)/sample-trial.$$f --figures sample-trial-figures || exit 1; \
	done
	@$(BIN) meta datasets/examples/normand1999.csv --outcome length_of_stay --arms specialist,routine --measure MD \
		--output $(OUT)/examples/meta-normand1999.md --figures meta-normand1999-figures
	@echo "Reports written to $(OUT)/"

# Internal: the replication of every published study and the evidence summary.
write-replication:
	@test -n "$(BIN)" -a -n "$(OUT)"
	@mkdir -p $(OUT)/replication
	@for study in $(STUDIES); do \
		$(BIN) replicate $(PUBLISHED) --study $$study --output $(OUT)/replication/$$study.md || exit 1; \
	done
	@$(BIN) evidence $(PUBLISHED) --output $(OUT)/evidence.md --figures evidence-figures

## Build and run every test, then check that the committed reports are what the code writes now.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory reports-are-current
	$(MAKE) --no-print-directory notebooks

reports-are-current:
	@tmp=$$(mktemp -d) && \
	$(MAKE) --no-print-directory write-reports BIN=.build/debug/walkstats OUT=$$tmp >/dev/null && \
	if diff -r reports $$tmp; then echo "reports/ matches a fresh regeneration"; rm -rf $$tmp; \
	else echo "reports/ differs from a fresh regeneration: run 'make report' and commit"; rm -rf $$tmp; exit 1; fi

## Execute every notebook headless (nbclient in a virtual environment made from notebooks/requirements.txt).
notebooks: $(VENV)/.installed
	WALKSTATS_BIN=$(CURDIR)/.build/debug/walkstats $(VENV)/bin/python notebooks/run_notebooks.py

$(VENV)/.installed: notebooks/requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r notebooks/requirements.txt
	touch $@

## Regenerate every R reference fixture (installs Debian's R 4.2.2, effectsize and car when missing).
fixtures:
	@if ! command -v Rscript >/dev/null 2>&1 || ! Rscript -e 'library(effectsize); library(car)' >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq r-base-core r-cran-effectsize r-cran-car; \
	fi
	@for script in Tests/WalkStatsStatisticsTests/Fixtures/*/generate.R; do \
		echo "$$script"; (cd $$(dirname $$script) && Rscript generate.R) || exit 1; \
	done

## Regenerate the simulated sample dataset (seeded; same bytes every time).
sample-data:
	python3 datasets/sample/generate.py
	cp $(SAMPLE) Tests/WalkStatsStatisticsTests/Fixtures/r-reference/retro-walking-trial.csv

clean:
	rm -rf .build $(VENV)

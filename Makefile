# leadgen — build, run and test. `make help` lists the targets.

GO        ?= go
SQLC_VER  := v1.31.1
SQLC      := $(GO) run github.com/sqlc-dev/sqlc/cmd/sqlc@$(SQLC_VER)
TEMPL     := $(GO) tool templ
FUZZTIME  ?= 20000x
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)

.PHONY: help run build test check-generated generate vet fuzz fuzz-long screenshots clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

run: ## serve on :8080 (embedded PostgreSQL in ./leadgen-data unless DATABASE_URL is set)
	$(GO) run -ldflags "$(LDFLAGS)" ./cmd/leadgen serve

build: ## build ./bin/leadgen
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/leadgen ./cmd/leadgen

test: check-generated vet ## every test: generated code, vet, unit/storage/crawler/browser tests, short fuzzing
	$(GO) test -count=1 ./...
	$(MAKE) --no-print-directory fuzz

vet:
	@out=$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$')); if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi
	$(GO) vet ./...

generate: ## regenerate sqlc and templ output (commit the result)
	cd sql && $(SQLC) generate
	$(TEMPL) generate

# Fails when committed generated code does not match its sources.
check-generated:
	@cd sql && $(SQLC) diff || { echo "sql/dbsqlc is stale: run 'make generate' and commit"; exit 1; }
	@before=$$(cat $$(git ls-files '*_templ.go') | sha256sum); \
	 $(TEMPL) generate >/dev/null 2>&1; \
	 after=$$(cat $$(git ls-files '*_templ.go') | sha256sum); \
	 untracked=$$(git ls-files --others --exclude-standard '*_templ.go'); \
	 if [ "$$before" != "$$after" ] || [ -n "$$untracked" ]; then echo "templ output was stale (now regenerated): commit it"; exit 1; fi
	@echo "generated code is up to date"

# Every fuzz target in the module, as ./dir:FuzzName.
FUZZ_TARGETS = $(shell git ls-files --cached --others --exclude-standard '*_test.go' | \
	xargs grep -H '^func Fuzz' | sed -E 's|^(.*)/[^/]*_test.go:func (Fuzz[A-Za-z0-9_]*).*|./\1:\2|' | sort)

fuzz: ## run every fuzz target briefly (FUZZTIME: 20000 inputs each; a count, not a duration, since a deadline that falls during minimisation fails the run)
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $$t for $(FUZZTIME)"; \
		$(GO) test "$${t%%:*}" -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 1s; \
	done

screenshots: ## retake the README's screenshots (docs/screenshots/*.png) in Chromium, on demo data
	mkdir -p docs/screenshots
	LEADGEN_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -run '^TestScreenshots$$' ./cmd/leadgen/

fuzz-long: ## fuzz for longer by hand
	$(MAKE) fuzz FUZZTIME=5m

clean:
	rm -rf bin

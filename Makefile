# rnn-playground — see README.md.
GO        ?= go
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
WASM_NODE := $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec_node.js
TFJS_BENCH ?= ../shared/bench/tfjs/run.sh
BENCH_FLAGS ?=
GOTEST    ?= $(GO) test

.PHONY: all test test-native test-wasm test-browser test-browser-cores vet bench bench-wasm bench-tfjs bench-compare serve build wasm static static-wasm serve-static bench-startup bench-page bench-pool bench-shards bench-phone profile-page bench-insight soak-page clean

all: test

## test: everything — vet, gofmt, native tests, the engine's tests as wasm under node, the page in Chromium
test: vet test-native test-wasm test-browser test-browser-cores

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || (echo "gofmt needed:"; gofmt -l .; exit 1)
	$(GO) vet ./...

test-native:
	$(GOTEST) -count=1 -timeout 30m $$($(GO) list ./... | grep -v /e2e)

test-wasm:
	GOOS=js GOARCH=wasm $(GOTEST) -count=1 -timeout 30m -exec="$(WASM_EXEC)" ./nn/... ./worker/... ./app/chart/...

## test-browser: the playground page end to end in headless Chromium (skips if no chromium is installed)
test-browser: wasm
	$(GOTEST) -count=1 -timeout 30m ./e2e

## test-browser-cores: the main flows again on a page that sees 4 cores (E2E_CORES): pools of several
## workers, and a lone default run on a lead worker and its helpers, as on a learner's 4-core laptop
test-browser-cores: wasm
	E2E_CORES=4 $(GOTEST) -count=1 -timeout 30m -run 'TestPlayground$$|TestHostileInput|TestIndRNN|TestExperiments$$' ./e2e

## wasm: the one binary of the page and its training workers (web/app.wasm); go-app, our page (app/) and
## every package of ours around the engine are built without inlining (31, 35 and 24 KB less gzipped; a
## training step is as fast: BenchmarkStep* in nn/train under node); the engine (nn) keeps it
NOINLINE     := app app/chart cmd/wasm worker nn/train nn/task nn/experiment nn/tfjs
WASM_GCFLAGS := -gcflags=github.com/maxence-charriere/go-app/v10/...=-l $(foreach p,$(NOINLINE),-gcflags=github.com/rnn-playground/rnn-playground/$(p)=-l)
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(WASM_GCFLAGS) -o web/app.wasm ./cmd/wasm

## serve: build the wasm and serve the playground on http://localhost:8080
serve: wasm
	$(GO) run ./cmd/serve

## static: the whole site into static/ for GitHub Pages at USER.github.io/$(REPO)/ (REPO= for the root
## of a host); the wasm is built stripped (-s -w). Same source, same files.
REPO        ?= rnn-playground
DOMAIN      ?=
STATIC_WASM := build/static-wasm
static: static-wasm
	$(GO) run ./cmd/static -out static -web web -wasm $(STATIC_WASM) -repo "$(REPO)" -domain "$(DOMAIN)"

static-wasm:
	mkdir -p $(STATIC_WASM)
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(WASM_GCFLAGS) -ldflags="-s -w" -o $(STATIC_WASM)/app.wasm ./cmd/wasm

## serve-static: generate the site and serve it at http://localhost:8081/$(REPO)/ with a plain file server
serve-static: static-wasm
	$(GO) run ./cmd/static -out static -web web -wasm $(STATIC_WASM) -repo "$(REPO)" -serve localhost:8081

## bench-startup: the generated site's start-up in headless Chromium and its download size (docs/benchmarks.md)
bench-startup: static
	$(GOTEST) -count=1 -run '^$$' -bench Startup -benchtime 5x ./e2e -args -site ../static

## bench-page: training steps/s of the same run in the page (Chromium) and in app.wasm under node,
## alternating, with the page's main-thread time (docs/benchmarks.md, "Page vs node"); PAGE_BENCH_FLAGS
## e.g. -page-measure=20s -page-rounds=3
PAGE_BENCH_FLAGS ?=
bench-page: wasm
	$(GOTEST) -count=1 -run '^$$' -bench PageVsNode -benchtime 1x -timeout 30m ./e2e -args $(PAGE_BENCH_FLAGS)

## bench-pool: the vanishing experiment's three runs in the page with 1 and 2 workers (docs/benchmarks.md)
bench-pool: wasm
	$(GOTEST) -count=1 -run '^$$' -bench Pool -benchtime 1x -timeout 30m ./e2e -args $(PAGE_BENCH_FLAGS)

## bench-shards: lone runs in the page on 1 and 2 workers, the helper computing half of each step's
## shards (docs/benchmarks.md, "Every core"); PAGE_BENCH_FLAGS e.g. -shard-urls='?experiment=article'
bench-shards: wasm
	$(GOTEST) -count=1 -run '^$$' -bench ShardPage -benchtime 1x -timeout 30m ./e2e -args $(PAGE_BENCH_FLAGS)

## bench-phone: the page's main thread on a phone (390×844) while runs train: busy share, layouts a second
bench-phone: wasm
	$(GOTEST) -count=1 -v -run '^$$' -bench PhoneThread -benchtime 1x -timeout 30m ./e2e

## profile-page: CPU profiles of the page's thread and of each training worker while the page trains, into
## build/profiles (PAGE_BENCH_FLAGS e.g. -profile-url='?experiment=article' -profile-workers=2)
profile-page: wasm
	$(GOTEST) -count=1 -v -run '^$$' -bench ProfilePage -benchtime 1x -timeout 30m ./e2e -args $(PAGE_BENCH_FLAGS)

## soak-page: the page trains for SOAK (30 minutes) in headless Chromium; the memory of the page and its
## worker a minute in and at the end (docs/benchmarks.md, "Memory over a long run")
SOAK ?= 30m
soak-page: wasm
	$(GOTEST) -count=1 -run '^$$' -bench SoakPage -benchtime 1x -timeout 0 ./e2e -args -soak $(SOAK)

## bench-insight: each guided experiment trained as the page trains it, in wasm under node; for every claim
## the first evaluation at which it holds, with ms per step and seconds (docs/benchmarks.md, "Time to
## insight"); INSIGHT=ID for one experiment
INSIGHT ?=
bench-insight:
	GOOS=js GOARCH=wasm $(GOTEST) -count=1 -exec="$(WASM_EXEC)" -run '^$$' -bench 'Insight/$(INSIGHT)' -benchtime 1x -timeout 60m ./nn/experiment

## bench: the engine's benchmarks natively (go test), then cmd/bench natively and as wasm under node
bench: bench-wasm
	$(GOTEST) -run '^$$' -bench . -benchmem ./nn/...
	$(GO) run ./cmd/bench $(BENCH_FLAGS)
	node $(WASM_NODE) build/bench.wasm $(BENCH_FLAGS)
	GOOS=js GOARCH=wasm $(GOTEST) -exec="$(WASM_EXEC)" -run '^$$' -bench 'Seq2Seq|AttentionPool' -benchtime=20x ./nn/

bench-wasm:
	mkdir -p build
	GOOS=js GOARCH=wasm $(GO) build -o build/bench.wasm ./cmd/bench

## bench-tfjs: the TF.js 4.22 anchors (npm ci on first use); TFJS_BENCH=/path/to/run.sh to override
bench-tfjs:
	mkdir -p build
	$(TFJS_BENCH) | tee build/tfjs.txt

## bench-compare: per configuration, TF.js (wasm, cpu) then our wasm build right after it, with the
## ratios TF.js/ours, then our native build (interleaved: each sees about the same load on a shared machine)
BENCH_CONFIGS ?= seed-lstm seed-gru seed-rnn long small
bench-compare: bench-wasm
	$(GO) build -o build/bench ./cmd/bench
	: > build/tfjs.txt
	for c in $(BENCH_CONFIGS); do \
	  $(TFJS_BENCH) $$c | tee -a build/tfjs.txt || exit 1; \
	  node $(WASM_NODE) build/bench.wasm -configs $$c -tfjs build/tfjs.txt $(BENCH_FLAGS) || exit 1; \
	  build/bench -configs $$c -tfjs build/tfjs.txt $(BENCH_FLAGS) || exit 1; \
	done

clean:
	rm -rf build
	find static -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +

# rnn-playground — see README.md.
GO        ?= go
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
GOTEST    ?= $(GO) test

.PHONY: all test test-native test-wasm test-browser vet bench serve build wasm static clean

all: test

## test: everything — vet, gofmt, native tests, the engine's tests as wasm under node, the page in Chromium
test: vet test-native test-wasm test-browser

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || (echo "gofmt needed:"; gofmt -l .; exit 1)
	$(GO) vet ./...

test-native:
	$(GOTEST) -count=1 $$($(GO) list ./... | grep -v /e2e)

test-wasm:
	GOOS=js GOARCH=wasm $(GOTEST) -count=1 -exec="$(WASM_EXEC)" ./nn/... ./worker/... ./app/chart/...

## test-browser: the playground page end to end in headless Chromium (skips if no chromium is installed)
test-browser: wasm
	$(GOTEST) -count=1 -timeout 10m ./e2e

## wasm: the page (web/app.wasm) and the training worker (web/worker.wasm)
wasm:
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o web/app.wasm ./cmd/wasm
	GOOS=js GOARCH=wasm $(GO) build -trimpath -o web/worker.wasm ./cmd/worker

## serve: build the wasm and serve the playground on http://localhost:8080
serve: wasm
	$(GO) run ./cmd/serve

## bench: training-step benchmarks natively
bench:
	$(GOTEST) -run '^$$' -bench . -benchmem ./nn/...

clean:
	rm -rf build

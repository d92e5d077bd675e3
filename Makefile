# rnn-playground — see README.md.
GO        ?= go
WASM_EXEC := $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
GOTEST    ?= $(GO) test

.PHONY: all test test-native test-wasm vet bench serve build wasm static clean

all: test

## test: everything — vet, gofmt, native tests, the engine's tests as wasm under node
test: vet test-native test-wasm

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || (echo "gofmt needed:"; gofmt -l .; exit 1)
	$(GO) vet ./...

test-native:
	$(GOTEST) -count=1 ./...

test-wasm:
	GOOS=js GOARCH=wasm $(GOTEST) -count=1 -exec="$(WASM_EXEC)" ./nn/...

## bench: training-step benchmarks natively
bench:
	$(GOTEST) -run '^$$' -bench . -benchmem ./nn/...

clean:
	rm -rf build

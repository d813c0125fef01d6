# The project's commands. See README.md.
BUILD_DIR ?= build
DATA_DIR ?= var
LISTEN ?= 127.0.0.1:8080
GONGSHU := $(BUILD_DIR)/src/cli/gongshu

.PHONY: all deps configure build run test unit lint bench clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@if [ ! -f $(BUILD_DIR)/build.ninja ]; then \
	  cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null; fi

build: configure
	@cmake --build $(BUILD_DIR)

run: build
	@if [ ! -f $(DATA_DIR)/gongshu.db ]; then $(GONGSHU) demo --data-dir $(DATA_DIR); fi
	$(GONGSHU) serve --data-dir $(DATA_DIR) --listen $(LISTEN)

unit: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j 2

test: build lint unit

lint: configure
	@scripts/lint.sh $(BUILD_DIR)

bench: build
	@bench/run.sh $(BUILD_DIR)

clean:
	rm -rf $(BUILD_DIR)

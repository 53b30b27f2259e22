# tsunagu — the two commands: `make run` and `make test`. Everything they need is installed by
# scripts/deps from Debian's packages (and playwright-core from npm for the browser test).

BUILD      ?= build
TESTBUILD  ?= build-test
FUZZBUILD  ?= build-fuzz
DB         ?= var/demo.db
LISTEN     ?= 127.0.0.1:8080
DEMO_PASSWORD ?= tsunagu-demo-2026

.PHONY: all deps run test unit http browser bench bench-housing bench-scale bench-indicators clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	scripts/deps build
	meson setup $(BUILD) --buildtype=release -Dtests=disabled

run:
	scripts/deps run
	$(MAKE) all
	$(BUILD)/tsunagu demo --db $(DB) --password '$(DEMO_PASSWORD)' --force
	@echo
	$(BUILD)/tsunagu serve --db $(DB) --listen $(LISTEN)

# The test build uses AddressSanitizer and UndefinedBehaviorSanitizer.
$(TESTBUILD)/build.ninja:
	meson setup $(TESTBUILD) --buildtype=debug -Db_sanitize=address,undefined \
	  -Db_lundef=false -Dtests=enabled

# The fuzz build compiles the libFuzzer targets with clang.
$(FUZZBUILD)/build.ninja:
	CC=clang meson setup $(FUZZBUILD) --buildtype=debugoptimized -Dfuzz=enabled -Dtests=disabled \
	  -Db_sanitize=address,undefined -Db_lundef=false

test:
	scripts/deps test
	$(MAKE) $(TESTBUILD)/build.ninja $(FUZZBUILD)/build.ninja
	ninja -C $(TESTBUILD)
	ninja -C $(FUZZBUILD)
	scripts/run-tests $(TESTBUILD) $(FUZZBUILD)

bench: all
	scripts/deps test
	bench/load.sh $(BUILD)/tsunagu
	bench/housing.sh $(BUILD)/tsunagu

# The housing referral pages (issue 4): the agent's request, the support-structure sheet as page
# and PDF, the counsellor's request, each against the static stylesheet (docs/performance.md).
bench-housing: all
	scripts/deps test
	bench/housing.sh $(BUILD)/tsunagu

# The list pages at a city's size: 300,000 fictional persons imported, then each page against the
# static stylesheet (docs/performance.md, "At city scale"). Takes about five minutes.
bench-scale: all
	scripts/deps test
	bench/scale.sh $(BUILD)/tsunagu

# Every indicator of a nation's 1,741 municipalities (300,000 fictional persons, 1,000,000
# admissions) for one fiscal year in one process, against the same SQL bare in sqlite3
# (docs/performance.md, "Indicators at nation scale"). Takes about five minutes.
bench-indicators: all
	scripts/deps test
	bench/indicators.sh $(BUILD)/tsunagu

clean:
	rm -rf $(BUILD) $(TESTBUILD) $(FUZZBUILD) tests/out

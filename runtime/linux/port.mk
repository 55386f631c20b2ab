# runtime/linux: the Linux-binary port (docs/linux-binaries.md). An app
# packages one static x86-64 Linux executable by setting exactly one of
# these in its app.mk (paths relative to the app folder):
#   LINUX_BINARY := prog      a prebuilt static executable
#   GO_MAIN := .              a Go main package (a folder, or one .go file),
#                             built with Debian's golang-GO_VERSION-go;
#                             GO_VERSION (default 1.19; see
#                             tools/deps/linux-tools.sh go-versions),
#                             GO_LDFLAGS (default none) goes to -ldflags
#   GO_TEST := archive/tar    a Go standard-library package's tests, built
#                             with `go test -c` by the same Go (GO_VERSION,
#                             GO_LDFLAGS); the ramdisk is the package's
#                             folder of GOROOT/src (its files and its
#                             testdata/, not its sub-packages) at "/", the
#                             program's working directory, as `go test`
#                             runs tests in the package's folder; no
#                             APP_FILES (APP_FILES_GEN may add files);
#                             APP_EXTRA gives the -test.* flags
#   MUSL_SRCS := demo.c       C sources built with Debian's musl-gcc
#                             -static; MUSL_CFLAGS (default -O2),
#                             MUSL_LDLIBS
# and no APP_SRCS: the app's main() is the port's (start.c), which runs the
# binary. The file is checked with build/tools/elfcheck (elf.c built for
# the host; a dynamically linked or non-x86-64 one stops the build with
# the reason), copied to build/NAME/NAME.linux and embedded by binary.S.
# The port itself is the "linux" unit of libminios.a (module.mk here).
#
# Included by the top Makefile inside its app section, after APP_OBJS.

LP := $(SKIFF)/runtime/linux
LINUX_SOURCES := $(strip $(if $(strip $(LINUX_BINARY)),LINUX_BINARY) \
	$(if $(strip $(GO_MAIN)),GO_MAIN) $(if $(strip $(GO_TEST)),GO_TEST) \
	$(if $(strip $(MUSL_SRCS)),MUSL_SRCS))

ifneq ($(LINUX_SOURCES),)
ifneq ($(words $(LINUX_SOURCES)),1)
$(error $(APP_DIR)/app.mk: set only one of LINUX_BINARY, GO_MAIN, GO_TEST, MUSL_SRCS (it sets $(LINUX_SOURCES)))
endif
ifneq ($(strip $(APP_SRCS)),)
$(error $(APP_DIR)/app.mk: an app with $(LINUX_SOURCES) has no APP_SRCS (its main() is runtime/linux/start.c))
endif

# The binary as checked and embedded.
LINUX_EMBED := $(AB)/$(APP_NAME).linux
APP_OBJS += $(AB)/obj/linux_binary.o
app-abspath = $(if $(filter /%,$(1)),$(1),$(APP_DIR)/$(1))

ifneq ($(strip $(LINUX_BINARY)),)
LINUX_INPUT := $(call app-abspath,$(strip $(LINUX_BINARY)))
$(LINUX_INPUT):
	@echo "error: $(APP_DIR)/app.mk: LINUX_BINARY names '$@', which does not exist" >&2; exit 1
endif

# --- Go: Debian's golang-GO_VERSION-go (1.19 from Debian 12, the newer
# ones from bookworm-backports, installed on first use), for linux/amd64
# without cgo, into a cache of its own per version; -trimpath and no VCS
# stamp, so a build is reproducible. GO_VERSION comes from app.mk or
# make's command line; empty means the first version linux-tools.sh lists.
ifneq ($(strip $(GO_MAIN)$(GO_TEST)),)
GO_VERSIONS := $(shell $(SKIFF)/tools/deps/linux-tools.sh go-versions)
GO_V := $(or $(strip $(GO_VERSION)),$(firstword $(GO_VERSIONS)))
ifneq ($(words $(GO_V))$(filter $(GO_V),$(GO_VERSIONS)),1$(GO_V))
$(error $(if $(filter command line,$(origin GO_VERSION)),make GO_VERSION=...,$(APP_DIR)/app.mk): GO_VERSION '$(GO_VERSION)' is not a Go Skiff builds with; choose one of: $(GO_VERSIONS))
endif
GOROOT_V := /usr/lib/go-$(GO_V)
GO_TOOL := $(GOROOT_V)/bin/go
GO_ENV := GOROOT=$(GOROOT_V) GOCACHE=$(SKIFF_CACHE)/go-$(GO_V)/cache \
	GOPATH=$(SKIFF_CACHE)/go-$(GO_V)/path GOENV=off GOFLAGS= GOPROXY=off \
	GOSUMDB=off GOWORK=off GOTOOLCHAIN=local GOOS=linux GOARCH=amd64 \
	GOAMD64=v1 CGO_ENABLED=0
GO_LDFLAGS_ARG := $(if $(strip $(GO_LDFLAGS)),-ldflags=$(call shq,$(GO_LDFLAGS)))
endif
ifneq ($(strip $(GO_MAIN)),)
GO_PATH_ARG := $(call app-abspath,$(strip $(GO_MAIN)))
GO_DIR := $(if $(filter %.go,$(GO_PATH_ARG)),$(patsubst %/,%,$(dir $(GO_PATH_ARG))),$(patsubst %/,%,$(GO_PATH_ARG)))
# What `go build` is given: the one file; "." for a module folder; else
# the folder's .go files (a program without go.mod).
GO_TARGET := $(if $(filter %.go,$(GO_PATH_ARG)),$(notdir $(GO_PATH_ARG)),$(if $(wildcard $(GO_DIR)/go.mod),.,$(notdir $(filter-out %_test.go,$(wildcard $(GO_DIR)/*.go)))))
LINUX_INPUT := $(AB)/linux/$(APP_NAME).go.elf
$(LINUX_INPUT): $(shell find $(call shq,$(GO_DIR)) -name '*.go' -o -name go.mod -o -name go.sum 2>/dev/null) \
		$(APP_ID) | linux-tools-go
	$(call msg,GO,$(GO_DIR))mkdir -p $(@D) && cd $(call shq,$(GO_DIR)) && \
		env $(GO_ENV) $(GO_TOOL) build -trimpath -buildvcs=false \
		$(GO_LDFLAGS_ARG) -o $@.tmp $(GO_TARGET) && mv $@.tmp $@
endif

# --- A standard-library package's tests: `go test -c` in GOROOT/src, and
# the package's folder (files and testdata/) staged as the ramdisk's tree
# (the Makefile's FILES_DIR). Go's own cache finds what changed below the
# package; make reruns it when the package's files or the Go change.
ifneq ($(strip $(GO_TEST)),)
ifneq ($(strip $(APP_FILES)),)
$(error $(APP_DIR)/app.mk: an app with GO_TEST has no APP_FILES (its ramdisk is the package's folder; APP_FILES_GEN may add to it))
endif
ifneq ($(words $(GO_TEST))$(shell printf '%s\n' '$(strip $(GO_TEST))' | grep -Ex '[a-z0-9_]+(/[a-z0-9_]+)*'),1$(strip $(GO_TEST)))
$(error $(APP_DIR)/app.mk: GO_TEST '$(GO_TEST)' is not a standard-library package path such as archive/tar)
endif
GO_TEST_SRC := $(GOROOT_V)/src/$(strip $(GO_TEST))
GO_TEST_FILES := $(AB)/gotest.files
LINUX_INPUT := $(AB)/linux/$(APP_NAME).test.elf
$(LINUX_INPUT): $(wildcard $(GO_TOOL) $(GO_TEST_SRC)/*.go) $(APP_ID) | linux-tools-go
	$(call msg,GOTEST,$(GO_TEST))mkdir -p $(@D) && \
		{ [ -d $(GO_TEST_SRC) ] || { echo "error: $(APP_DIR)/app.mk: GO_TEST '$(GO_TEST)': no $(GO_TEST_SRC) in Go $(GO_V)" >&2; exit 1; }; } && \
		cd $(GOROOT_V)/src && env $(GO_ENV) $(GO_TOOL) test -c -trimpath \
		-buildvcs=false $(GO_LDFLAGS_ARG) -o $@.tmp $(GO_TEST) && mv $@.tmp $@
$(GO_TEST_FILES).stamp: $(LINUX_INPUT)
	$(Q)rm -rf $(GO_TEST_FILES) && mkdir -p $(GO_TEST_FILES) && \
		for f in $(GO_TEST_SRC)/*; do \
			if [ -d "$$f" ] && [ "$${f##*/}" != testdata ]; then continue; fi; \
			cp -RL "$$f" $(GO_TEST_FILES)/ || exit 1; \
		done && touch $@
$(ELF).cpio: $(GO_TEST_FILES).stamp
endif

# --- C with musl: Debian's musl-gcc, statically linked.
ifneq ($(strip $(MUSL_SRCS)),)
LINUX_INPUT := $(AB)/linux/$(APP_NAME).musl.elf
LINUX_MUSL_SRCS := $(foreach s,$(MUSL_SRCS),$(call app-abspath,$(s)))
$(LINUX_INPUT): $(LINUX_MUSL_SRCS) $(APP_ID) | linux-tools-musl
	$(call msg,MUSL,$@)mkdir -p $(@D) && musl-gcc -static $(MUSL_CFLAGS) \
		-o $@ $(LINUX_MUSL_SRCS) $(MUSL_LDLIBS)
endif

# The check (which prints what it found, or why the file cannot run),
# then the copy that is embedded.
$(LINUX_EMBED): $(LINUX_INPUT) $(B)/tools/elfcheck
	$(Q)$(B)/tools/elfcheck $< && cp $< $@

$(AB)/obj/linux_binary.o: $(LP)/binary.S $(LINUX_EMBED) $(FLAGS_FILE)
	$(call msg,EMBED,$(LINUX_EMBED))mkdir -p $(@D) && $(CC) $(ASFLAGS) \
		-DLINUX_BINARY_FILE='"$(LINUX_EMBED)"' -c -o $@ $<

.PHONY: linux-tools-go linux-tools-musl
linux-tools-go:
	$(Q)$(SKIFF)/tools/deps/linux-tools.sh go $(GO_V)
linux-tools-musl:
	$(Q)$(SKIFF)/tools/deps/linux-tools.sh musl
endif

# --- The host tool that checks binaries at build time.
ELFCHECK_SRCS := $(SKIFF)/tools/elfcheck.c $(LP)/elf.c $(LP)/elf_sym.c \
	$(SKIFF)/kernel/format.c
$(B)/tools/elfcheck: $(ELFCHECK_SRCS) $(wildcard $(LP)/*.h)
	$(call msg,HOSTCC,$@)mkdir -p $(@D) && $(CC) -std=gnu11 -O2 $(WARN) \
		-I$(SKIFF)/include -o $@ $(ELFCHECK_SRCS)

# runtime/linux: the Linux-binary port (docs/linux-binaries.md). An app
# packages one static x86-64 Linux executable by setting exactly one of
# these in its app.mk (paths relative to the app folder):
#   LINUX_BINARY := prog      a prebuilt static executable
#   GO_MAIN := .              a Go main package (a folder, or one .go file),
#                             built with Debian's golang-GO_VERSION-go;
#                             GO_VERSION (default 1.19; see
#                             tools/deps/linux-tools.sh go-versions),
#                             GO_LDFLAGS (default none) goes to -ldflags
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
	$(if $(strip $(GO_MAIN)),GO_MAIN) $(if $(strip $(MUSL_SRCS)),MUSL_SRCS))

ifneq ($(LINUX_SOURCES),)
ifneq ($(words $(LINUX_SOURCES)),1)
$(error $(APP_DIR)/app.mk: set only one of LINUX_BINARY, GO_MAIN, MUSL_SRCS (it sets $(LINUX_SOURCES)))
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
ifneq ($(strip $(GO_MAIN)),)
GO_VERSIONS := $(shell $(SKIFF)/tools/deps/linux-tools.sh go-versions)
GO_V := $(or $(strip $(GO_VERSION)),$(firstword $(GO_VERSIONS)))
ifneq ($(words $(GO_V))$(filter $(GO_V),$(GO_VERSIONS)),1$(GO_V))
$(error $(if $(filter command line,$(origin GO_VERSION)),make GO_VERSION=...,$(APP_DIR)/app.mk): GO_VERSION '$(GO_VERSION)' is not a Go Skiff builds with; choose one of: $(GO_VERSIONS))
endif
GOROOT_V := /usr/lib/go-$(GO_V)
GO_TOOL := $(GOROOT_V)/bin/go
GO_PATH_ARG := $(call app-abspath,$(strip $(GO_MAIN)))
GO_DIR := $(if $(filter %.go,$(GO_PATH_ARG)),$(patsubst %/,%,$(dir $(GO_PATH_ARG))),$(patsubst %/,%,$(GO_PATH_ARG)))
# What `go build` is given: the one file; "." for a module folder; else
# the folder's .go files (a program without go.mod).
GO_TARGET := $(if $(filter %.go,$(GO_PATH_ARG)),$(notdir $(GO_PATH_ARG)),$(if $(wildcard $(GO_DIR)/go.mod),.,$(notdir $(filter-out %_test.go,$(wildcard $(GO_DIR)/*.go)))))
GO_ENV := GOROOT=$(GOROOT_V) GOCACHE=$(SKIFF_CACHE)/go-$(GO_V)/cache \
	GOPATH=$(SKIFF_CACHE)/go-$(GO_V)/path GOENV=off GOFLAGS= GOPROXY=off \
	GOSUMDB=off GOWORK=off GOTOOLCHAIN=local GOOS=linux GOARCH=amd64 \
	GOAMD64=v1 CGO_ENABLED=0
LINUX_INPUT := $(AB)/linux/$(APP_NAME).go.elf
$(LINUX_INPUT): $(shell find $(call shq,$(GO_DIR)) -name '*.go' -o -name go.mod -o -name go.sum 2>/dev/null) \
		$(APP_ID) | linux-tools-go
	$(call msg,GO,$(GO_DIR))mkdir -p $(@D) && cd $(call shq,$(GO_DIR)) && \
		env $(GO_ENV) $(GO_TOOL) build -trimpath -buildvcs=false \
		$(if $(strip $(GO_LDFLAGS)),-ldflags=$(call shq,$(GO_LDFLAGS))) \
		-o $@.tmp $(GO_TARGET) && mv $@.tmp $@
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

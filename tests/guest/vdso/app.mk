# vdso: a static musl program that finds Skiff's vDSO through
# AT_SYSINFO_EHDR, looks its functions up the way Go and musl do (program
# headers, dynamic section, hash table, symbol versions) and checks their
# clocks against the system calls (see main.c).
MUSL_SRCS := main.c
APP_MEMORY := 32

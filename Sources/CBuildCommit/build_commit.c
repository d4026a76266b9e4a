#include "build_commit.h"

// A C string, because only C has a compile-time define with a value: Package.swift sets it
// from the environment, so a plain `swift build` (no git, no Makefile) still compiles.
#ifndef TIMELINED_COMMIT
#define TIMELINED_COMMIT ""
#endif

const char *timelined_build_commit(void) {
    return TIMELINED_COMMIT;
}

#ifndef TIMELINED_BUILD_COMMIT_H
#define TIMELINED_BUILD_COMMIT_H

/// The commit the binary was built from (TIMELINED_COMMIT at build time, see Package.swift);
/// empty when the build was not told.
const char *timelined_build_commit(void);

#endif

#ifndef TIMELINED_CLIBPQ_SHIM_H
#define TIMELINED_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif

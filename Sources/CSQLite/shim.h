#ifndef REVIEWROOM_CSQLITE_SHIM_H
#define REVIEWROOM_CSQLITE_SHIM_H

// The system SQLite 3 (Debian 12: 3.40). Only `ReviewRoomStore` imports this module.
#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a cast of -1 to a function pointer and does not import:
/// it tells SQLite to copy bound text/blob bytes before `sqlite3_bind_*` returns.
static inline sqlite3_destructor_type reviewroom_sqlite_transient(void) { return SQLITE_TRANSIENT; }

#endif

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift
/// cannot import; binding with it makes SQLite copy the bytes at once.
static inline sqlite3_destructor_type csw_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

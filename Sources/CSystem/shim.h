/* POSIX and GNU functions that Glibc's Swift module leaves out, declared
   here rather than through _GNU_SOURCE, which would change the layout of
   types that Glibc's module already defines. */
#include <stddef.h>
#include <sys/random.h>

struct tm;
extern char *strptime(const char *text, const char *format, struct tm *parts);

static inline long csw_getrandom(void *buffer, size_t length) {
    return (long)getrandom(buffer, length, 0);
}

static inline char *csw_strptime(const char *text, const char *format, struct tm *parts) {
    return strptime(text, format, parts);
}

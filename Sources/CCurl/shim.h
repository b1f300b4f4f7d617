#include <curl/curl.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

/* libcurl is loaded with dlopen the first time csw sends, not linked: it
   pulls in some thirty shared libraries, and mapping them at start-up would
   cost every command (csw list included) several milliseconds. Each csw_curl_
   wrapper below calls the function of the same name through this table. */

struct csw_curl_table {
    int loaded;
    CURLcode (*global_init)(long flags);
    CURL * (*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    const char * (*easy_strerror)(CURLcode code);
    CURLM * (*multi_init)(void);
    CURLMcode (*multi_cleanup)(CURLM *multi);
    CURLMcode (*multi_add_handle)(CURLM *multi, CURL *handle);
    CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *handle);
    CURLMcode (*multi_perform)(CURLM *multi, int *running);
    CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout, int *ready);
    CURLMsg * (*multi_info_read)(CURLM *multi, int *queued);
    struct curl_slist * (*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
    CURLU * (*url)(void);
    void (*url_cleanup)(CURLU *url);
    CURLUcode (*url_get)(const CURLU *url, CURLUPart part, char **value, unsigned int flags);
    CURLUcode (*url_set)(CURLU *url, CURLUPart part, const char *value, unsigned int flags);
    void (*free)(void *pointer);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLMcode (*multi_setopt)(CURLM *, CURLMoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
};

/* A function-local static, since Swift's importer does not emit storage for
   a static variable declared in a header. Each module that calls these
   wrappers gets its own table and loads it on first use. */
static inline struct csw_curl_table *csw_curl_storage(void) {
    static struct csw_curl_table table;
    return &table;
}

/* Loads libcurl and every function csw calls. Returns 0 on success, or -1
   with a message in `error`. */
static inline int csw_curl_load(char *error, size_t size) {
    if (csw_curl_storage()->loaded) return 0;
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, size, "cannot load libcurl.so.4: %s", dlerror());
        return -1;
    }
    struct csw_curl_table table = {0};
#define CSW_CURL_SYMBOL(name) \
    *(void **)(&table.name) = dlsym(library, "curl_" #name); \
    if (table.name == NULL) { snprintf(error, size, "libcurl.so.4 has no curl_" #name); return -1; }
    CSW_CURL_SYMBOL(global_init)
    CSW_CURL_SYMBOL(easy_init)
    CSW_CURL_SYMBOL(easy_cleanup)
    CSW_CURL_SYMBOL(easy_reset)
    CSW_CURL_SYMBOL(easy_strerror)
    CSW_CURL_SYMBOL(multi_init)
    CSW_CURL_SYMBOL(multi_cleanup)
    CSW_CURL_SYMBOL(multi_add_handle)
    CSW_CURL_SYMBOL(multi_remove_handle)
    CSW_CURL_SYMBOL(multi_perform)
    CSW_CURL_SYMBOL(multi_poll)
    CSW_CURL_SYMBOL(multi_info_read)
    CSW_CURL_SYMBOL(slist_append)
    CSW_CURL_SYMBOL(slist_free_all)
    CSW_CURL_SYMBOL(url)
    CSW_CURL_SYMBOL(url_cleanup)
    CSW_CURL_SYMBOL(url_get)
    CSW_CURL_SYMBOL(url_set)
    CSW_CURL_SYMBOL(free)
    CSW_CURL_SYMBOL(easy_setopt)
    CSW_CURL_SYMBOL(multi_setopt)
    CSW_CURL_SYMBOL(easy_getinfo)
#undef CSW_CURL_SYMBOL
    table.loaded = 1;
    *csw_curl_storage() = table;
    return 0;
}

/* The table, loaded on first use. Sender checks csw_curl_load before any
   other call, so a failure here can only be a bug. */
static inline struct csw_curl_table *csw_curl(void) {
    char error[256];
    if (!csw_curl_storage()->loaded && csw_curl_load(error, sizeof error) != 0) {
        fprintf(stderr, "csw: %s\n", error);
        abort();
    }
    return csw_curl_storage();
}

static inline CURLcode csw_curl_global_init(long flags) {
    return csw_curl()->global_init(flags);
}

static inline CURL * csw_curl_easy_init(void) {
    return csw_curl()->easy_init();
}

static inline void csw_curl_easy_cleanup(CURL *handle) {
    csw_curl()->easy_cleanup(handle);
}

static inline void csw_curl_easy_reset(CURL *handle) {
    csw_curl()->easy_reset(handle);
}

static inline const char * csw_curl_easy_strerror(CURLcode code) {
    return csw_curl()->easy_strerror(code);
}

static inline CURLM * csw_curl_multi_init(void) {
    return csw_curl()->multi_init();
}

static inline CURLMcode csw_curl_multi_cleanup(CURLM *multi) {
    return csw_curl()->multi_cleanup(multi);
}

static inline CURLMcode csw_curl_multi_add_handle(CURLM *multi, CURL *handle) {
    return csw_curl()->multi_add_handle(multi, handle);
}

static inline CURLMcode csw_curl_multi_remove_handle(CURLM *multi, CURL *handle) {
    return csw_curl()->multi_remove_handle(multi, handle);
}

static inline CURLMcode csw_curl_multi_perform(CURLM *multi, int *running) {
    return csw_curl()->multi_perform(multi, running);
}

static inline CURLMcode csw_curl_multi_poll(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout, int *ready) {
    return csw_curl()->multi_poll(multi, extra, count, timeout, ready);
}

static inline CURLMsg * csw_curl_multi_info_read(CURLM *multi, int *queued) {
    return csw_curl()->multi_info_read(multi, queued);
}

static inline struct curl_slist * csw_curl_slist_append(struct curl_slist *list, const char *text) {
    return csw_curl()->slist_append(list, text);
}

static inline void csw_curl_slist_free_all(struct curl_slist *list) {
    csw_curl()->slist_free_all(list);
}

static inline CURLU * csw_curl_url(void) {
    return csw_curl()->url();
}

static inline void csw_curl_url_cleanup(CURLU *url) {
    csw_curl()->url_cleanup(url);
}

static inline CURLUcode csw_curl_url_get(const CURLU *url, CURLUPart part, char **value, unsigned int flags) {
    return csw_curl()->url_get(url, part, value, flags);
}

static inline CURLUcode csw_curl_url_set(CURLU *url, CURLUPart part, const char *value, unsigned int flags) {
    return csw_curl()->url_set(url, part, value, flags);
}

static inline void csw_curl_free(void *pointer) {
    csw_curl()->free(pointer);
}

/* curl_easy_setopt, curl_multi_setopt and curl_easy_getinfo are variadic,
   which Swift cannot call. One typed wrapper per argument kind. */

static inline CURLcode csw_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return csw_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode csw_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return csw_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode csw_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return csw_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode csw_easy_setopt_write(CURL *handle, CURLoption option, curl_write_callback value) {
    return csw_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode csw_easy_setopt_opensocket(CURL *handle, curl_opensocket_callback value) {
    return csw_curl()->easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, value);
}

static inline CURLcode csw_easy_setopt_sockopt(CURL *handle, curl_sockopt_callback value) {
    return csw_curl()->easy_setopt(handle, CURLOPT_SOCKOPTFUNCTION, value);
}

static inline CURLMcode csw_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return csw_curl()->multi_setopt(handle, option, value);
}

static inline CURLcode csw_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return csw_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode csw_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return csw_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode csw_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return csw_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode csw_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return csw_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode csw_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return csw_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode csw_easy_setopt_prereq(CURL *handle, curl_prereq_callback value) {
    return csw_curl()->easy_setopt(handle, CURLOPT_PREREQFUNCTION, value);
}

/* curl_global_init's flag macros are bit expressions that Swift does not import. */
static inline CURLcode csw_global_init_default(void) {
    return csw_curl()->global_init(CURL_GLOBAL_DEFAULT);
}

/* The address curl is about to connect to. curl allocates room for a whole
   sockaddr_storage behind the `addr` member, so an IPv6 address fits. */
static inline const struct sockaddr *csw_curl_sockaddr_address(const struct curl_sockaddr *address) {
    return &address->addr;
}

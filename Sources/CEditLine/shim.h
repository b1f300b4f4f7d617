#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <histedit.h>

/* libedit is loaded with dlopen the first time csw prompts, not linked, so
   commands that never prompt (most of them, in scripts) do not pay for
   mapping it and its dependencies at start-up. Each csw_ wrapper below
   calls the function of the same name through this table. */

struct csw_edit_table {
    int loaded;
    EditLine * (*el_init)(const char *program, FILE *input, FILE *output, FILE *errors);
    void (*el_end)(EditLine *el);
    void (*el_reset)(EditLine *el);
    int (*el_source)(EditLine *el, const char *path);
    const wchar_t * (*el_wgets)(EditLine *el, int *count);
    int (*el_winsertstr)(EditLine *el, const wchar_t *text);
    const LineInfoW * (*el_wline)(EditLine *el);
    HistoryW * (*history_winit)(void);
    void (*history_wend)(HistoryW *history);
    int (*el_set)(EditLine *, int, ...);
    int (*el_get)(EditLine *, int, ...);
    int (*el_wset)(EditLine *, int, ...);
    int (*history_w)(HistoryW *, HistEventW *, int, ...);
};

/* A function-local static, since Swift's importer does not emit storage for
   a static variable declared in a header. */
static inline struct csw_edit_table *csw_edit_storage(void) {
    static struct csw_edit_table table;
    return &table;
}

/* Loads libedit and every function csw calls. Returns 0 on success, or -1
   with a message in `error`. */
static inline int csw_edit_load(char *error, size_t size) {
    if (csw_edit_storage()->loaded) return 0;
    void *library = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, size, "cannot load libedit.so.2: %s", dlerror());
        return -1;
    }
    struct csw_edit_table table = {0};
#define CSW_EDIT_SYMBOL(name) \
    *(void **)(&table.name) = dlsym(library, #name); \
    if (table.name == NULL) { snprintf(error, size, "libedit.so.2 has no " #name); return -1; }
    CSW_EDIT_SYMBOL(el_init)
    CSW_EDIT_SYMBOL(el_end)
    CSW_EDIT_SYMBOL(el_reset)
    CSW_EDIT_SYMBOL(el_source)
    CSW_EDIT_SYMBOL(el_wgets)
    CSW_EDIT_SYMBOL(el_winsertstr)
    CSW_EDIT_SYMBOL(el_wline)
    CSW_EDIT_SYMBOL(history_winit)
    CSW_EDIT_SYMBOL(history_wend)
    CSW_EDIT_SYMBOL(el_set)
    CSW_EDIT_SYMBOL(el_get)
    CSW_EDIT_SYMBOL(el_wset)
    CSW_EDIT_SYMBOL(history_w)
#undef CSW_EDIT_SYMBOL
    table.loaded = 1;
    *csw_edit_storage() = table;
    return 0;
}

/* The table, loaded on first use. LineEditor checks csw_edit_load before
   any other call, so a failure here can only be a bug. */
static inline struct csw_edit_table *csw_edit(void) {
    char error[256];
    if (!csw_edit_storage()->loaded && csw_edit_load(error, sizeof error) != 0) {
        fprintf(stderr, "csw: %s\n", error);
        abort();
    }
    return csw_edit_storage();
}

static inline EditLine * csw_el_init(const char *program, FILE *input, FILE *output, FILE *errors) {
    return csw_edit()->el_init(program, input, output, errors);
}

static inline void csw_el_end(EditLine *el) {
    csw_edit()->el_end(el);
}

static inline void csw_el_reset(EditLine *el) {
    csw_edit()->el_reset(el);
}

static inline int csw_el_source(EditLine *el, const char *path) {
    return csw_edit()->el_source(el, path);
}

static inline const wchar_t * csw_el_wgets(EditLine *el, int *count) {
    return csw_edit()->el_wgets(el, count);
}

static inline int csw_el_winsertstr(EditLine *el, const wchar_t *text) {
    return csw_edit()->el_winsertstr(el, text);
}

static inline const LineInfoW * csw_el_wline(EditLine *el) {
    return csw_edit()->el_wline(el);
}

static inline HistoryW * csw_history_winit(void) {
    return csw_edit()->history_winit();
}

static inline void csw_history_wend(HistoryW *history) {
    csw_edit()->history_wend(history);
}

/* el_set and history are variadic, which Swift cannot call.
   One typed wrapper per operation csw uses. */

typedef char *(*csw_prompt_function)(EditLine *);
typedef unsigned char (*csw_editline_function)(EditLine *, int);

static inline int csw_el_set_prompt(EditLine *el, csw_prompt_function prompt) {
    return csw_edit()->el_set(el, EL_PROMPT, prompt);
}

static inline int csw_el_set_editor(EditLine *el, const char *mode) {
    return csw_edit()->el_set(el, EL_EDITOR, mode);
}

static inline int csw_el_set_signal(EditLine *el, int handle) {
    return csw_edit()->el_set(el, EL_SIGNAL, handle);
}

static inline int csw_el_set_client_data(EditLine *el, void *data) {
    return csw_edit()->el_set(el, EL_CLIENTDATA, data);
}

static inline void *csw_el_get_client_data(EditLine *el) {
    void *data = NULL;
    csw_edit()->el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int csw_el_add_function(EditLine *el, const char *name, const char *help,
                                      csw_editline_function function) {
    return csw_edit()->el_set(el, EL_ADDFN, name, help, function);
}

static inline int csw_el_bind(EditLine *el, const char *key, const char *function) {
    return csw_edit()->el_set(el, EL_BIND, key, function, NULL);
}

/* Wide-character reading and history: csw decodes UTF-8 itself, so that
   input and history do not depend on the C locale. */

typedef int (*csw_read_function)(EditLine *, wchar_t *);

static inline int csw_el_set_read_function(EditLine *el, csw_read_function function) {
    return csw_edit()->el_set(el, EL_GETCFN, function);
}

static inline int csw_el_set_wide_history(EditLine *el, HistoryW *history) {
    return csw_edit()->el_wset(el, EL_HIST, csw_edit()->history_w, history);
}

static inline int csw_history_w_set_size(HistoryW *history, HistEventW *event, int size) {
    return csw_edit()->history_w(history, event, H_SETSIZE, size);
}

static inline int csw_history_w_set_unique(HistoryW *history, HistEventW *event, int unique) {
    return csw_edit()->history_w(history, event, H_SETUNIQUE, unique);
}

static inline int csw_history_w_enter(HistoryW *history, HistEventW *event, const wchar_t *line) {
    return csw_edit()->history_w(history, event, H_ENTER, line);
}

static inline int csw_history_w_load(HistoryW *history, HistEventW *event, const char *path) {
    return csw_edit()->history_w(history, event, H_LOAD, path);
}

static inline int csw_history_w_save(HistoryW *history, HistEventW *event, const char *path) {
    return csw_edit()->history_w(history, event, H_SAVE, path);
}

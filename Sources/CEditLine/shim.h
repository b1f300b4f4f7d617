#include <stdio.h>
#include <histedit.h>

/* el_set and history are variadic, which Swift cannot call.
   One typed wrapper per operation csw uses. */

typedef char *(*csw_prompt_function)(EditLine *);
typedef unsigned char (*csw_editline_function)(EditLine *, int);

static inline int csw_el_set_prompt(EditLine *el, csw_prompt_function prompt) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int csw_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int csw_el_set_signal(EditLine *el, int handle) {
    return el_set(el, EL_SIGNAL, handle);
}

static inline int csw_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *csw_el_get_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

static inline int csw_el_add_function(EditLine *el, const char *name, const char *help,
                                      csw_editline_function function) {
    return el_set(el, EL_ADDFN, name, help, function);
}

static inline int csw_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}

/* Wide-character reading and history: csw decodes UTF-8 itself, so that
   input and history do not depend on the C locale. */

typedef int (*csw_read_function)(EditLine *, wchar_t *);

static inline int csw_el_set_read_function(EditLine *el, csw_read_function function) {
    return el_set(el, EL_GETCFN, function);
}

static inline int csw_el_set_wide_history(EditLine *el, HistoryW *history) {
    return el_wset(el, EL_HIST, history_w, history);
}

static inline int csw_history_w_set_size(HistoryW *history, HistEventW *event, int size) {
    return history_w(history, event, H_SETSIZE, size);
}

static inline int csw_history_w_set_unique(HistoryW *history, HistEventW *event, int unique) {
    return history_w(history, event, H_SETUNIQUE, unique);
}

static inline int csw_history_w_enter(HistoryW *history, HistEventW *event, const wchar_t *line) {
    return history_w(history, event, H_ENTER, line);
}

static inline int csw_history_w_load(HistoryW *history, HistEventW *event, const char *path) {
    return history_w(history, event, H_LOAD, path);
}

static inline int csw_history_w_save(HistoryW *history, HistEventW *event, const char *path) {
    return history_w(history, event, H_SAVE, path);
}

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

static inline int csw_el_set_history(EditLine *el, History *history) {
    return el_set(el, EL_HIST, history, history);
}

static inline int csw_history_set_size(History *history, HistEvent *event, int size) {
    return history(history, event, H_SETSIZE, size);
}

static inline int csw_history_set_unique(History *history, HistEvent *event, int unique) {
    return history(history, event, H_SETUNIQUE, unique);
}

static inline int csw_history_enter(History *history, HistEvent *event, const char *line) {
    return history(history, event, H_ENTER, line);
}

static inline int csw_history_load(History *history, HistEvent *event, const char *path) {
    return history(history, event, H_LOAD, path);
}

static inline int csw_history_save(History *history, HistEvent *event, const char *path) {
    return history(history, event, H_SAVE, path);
}

#ifndef REVIEWROOM_CLIBWEBSOCKETS_SHIM_H
#define REVIEWROOM_CLIBWEBSOCKETS_SHIM_H

// libwebsockets 4.1.6 as Swift sees it. Only `WebSocketTransport` imports this module.
// Everything below exists because the C declaration does not import into Swift as is;
// each wrapper says why.
#include <libwebsockets.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <ev.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>

/// `LWS_PRE` is a function-like macro and does not import: the headroom every
/// `lws_write` payload needs in front of it.
static const size_t reviewroom_lws_pre = LWS_PRE;

/// `LWS_ILLEGAL_HTTP_CONTENT_LEN` is `(lws_filepos_t)-1ll`, which overflows when
/// Swift imports it: "no content length" for `lws_add_http_common_headers`.
static const lws_filepos_t reviewroom_lws_illegal_http_content_len = LWS_ILLEGAL_HTTP_CONTENT_LEN;

/// `LWS_TO_KILL_ASYNC` is a macro with a negative literal used as an `int`
/// argument of `lws_set_timeout`; exposed typed so Swift does not guess.
static const int reviewroom_lws_to_kill_async = LWS_TO_KILL_ASYNC;

/// `CONTEXT_PORT_NO_LISTEN_SERVER` is a macro; exposed typed for
/// `lws_context_creation_info.port`: a server vhost (TLS set up) that binds no
/// port itself, for socket activation where we adopt accepted sockets.
static const int reviewroom_context_port_no_listen_server = CONTEXT_PORT_NO_LISTEN_SERVER;

/// `lws_sock_file_fd_type` is a C union; Swift can build it but not name the
/// active member in an initializer expression: wraps a socket descriptor.
static inline lws_sock_file_fd_type reviewroom_lws_sockfd(int fd) {
    lws_sock_file_fd_type u;
    u.sockfd = fd;
    return u;
}

/// Same as `reviewroom_lws_sockfd` for a plain file descriptor (a raw wsi that
/// only watches readability, e.g. an inherited listening socket).
static inline lws_sock_file_fd_type reviewroom_lws_filefd(int fd) {
    lws_sock_file_fd_type u;
    u.filefd = fd;
    return u;
}

#ifndef __USE_GNU
// glibc declares accept4 (since 2.10) only under _GNU_SOURCE, which Swift's Glibc module is
// built without. This is glibc's own declaration in its non-GNU spelling of the address argument
// (`__SOCKADDR_ARG` is a plain `struct sockaddr *__restrict` without __USE_GNU).
extern int accept4(int __fd, struct sockaddr *__restrict __addr, socklen_t *__restrict __addr_len, int __flags);
#endif

/// `accept4` does not import (see above): accepts one pending connection on the non-blocking
/// listener `fd` as a close-on-exec, non-blocking socket, both set atomically by the kernel (an
/// `accept` then `fcntl` leaves a window in which a `fork`/`exec` elsewhere in the process would
/// inherit the socket). Returns the descriptor, or -1 with `errno` set, as `accept` does.
static inline int reviewroom_accept_cloexec_nonblock(int fd) {
    return accept4(fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
}

#ifndef __USE_GNU
// glibc declares dup3 (since 2.9) only under _GNU_SOURCE, like accept4 above.
extern int dup3(int __fd, int __fd2, int __flags);
#endif

/// `dup3` does not import (see above): makes `target` a close-on-exec duplicate of `source`,
/// closing what `target` was in the same step, so the descriptor number is never free in
/// between for another thread to take. Returns `target`, or -1 with `errno` set.
static inline int reviewroom_dup_over_cloexec(int source, int target) {
    return dup3(source, target, O_CLOEXEC);
}

/// `SSL_FILETYPE_PEM` is defined through another macro (`X509_FILETYPE_PEM`);
/// exposed typed for `SSL_CTX_use_PrivateKey_file`.
static const int reviewroom_ssl_filetype_pem = SSL_FILETYPE_PEM;

/// libev's loop type is `struct ev_loop`, whose name collides with the function
/// `ev_loop` in older API shims; Swift sees it as an opaque pointer through these
/// wrappers. lws 4.1.6's own `poll()` loop scans every descriptor on every wakeup
/// (a quarter of the CPU with 2,000 connections); lws drives a libev (epoll) loop
/// we create and pass in as a "foreign loop" instead.
static inline void *reviewroom_ev_loop_new(void) {
    return ev_loop_new(EVBACKEND_EPOLL | EVFLAG_NOSIGMASK);
}

/// Where lws 4.1.6 looks for its event-library plugins (`libwebsockets-evlib_ev.so`);
/// a macro string, exposed so a failed start can name the missing file.
static const char *const reviewroom_lws_evlib_dir = LWS_INSTALL_LIBDIR;

/// One pass of the loop: waits for at least one event and handles what is ready.
static inline int reviewroom_ev_run_once(void *loop) {
    return ev_run((struct ev_loop *)loop, EVRUN_ONCE);
}

/// A libev timer that wakes lws' service on `context` at a fixed interval.
///
/// lws 4.1.6's libev glue arms its own timer only in its timer and idle callbacks, never
/// when a new, earlier lws timer (`lws_set_timer_usecs`, `lws_set_timeout`) is added: with
/// no I/O such a timer fired up to 30 s late. `lws_cancel_service` is an I/O event on lws'
/// own pipe, after which lws services every timer that is due.
typedef struct reviewroom_ev_kick {
    ev_timer timer;
    struct lws_context *context;
} reviewroom_ev_kick;

static void reviewroom_ev_kick_fired(struct ev_loop *loop, ev_timer *timer, int revents) {
    (void)loop; (void)revents;
    lws_cancel_service(((reviewroom_ev_kick *)timer)->context);
}

/// Starts the kick every `seconds` on `loop`; stop it with `reviewroom_ev_kick_stop`.
static inline void *reviewroom_ev_kick_start(void *loop, struct lws_context *context, double seconds) {
    reviewroom_ev_kick *kick = (reviewroom_ev_kick *)calloc(1, sizeof(reviewroom_ev_kick));
    if (!kick) return NULL;
    kick->context = context;
    ev_timer_init(&kick->timer, reviewroom_ev_kick_fired, seconds, seconds);
    ev_timer_start((struct ev_loop *)loop, &kick->timer);
    return kick;
}

/// Stops and frees a kick (before `lws_context_destroy`).
static inline void reviewroom_ev_kick_stop(void *loop, void *kick) {
    if (!kick) return;
    ev_timer_stop((struct ev_loop *)loop, &((reviewroom_ev_kick *)kick)->timer);
    free(kick);
}

/// Frees a loop from `reviewroom_ev_loop_new` (after `lws_context_destroy`).
static inline void reviewroom_ev_loop_destroy(void *loop) {
    ev_loop_destroy((struct ev_loop *)loop);
}

#endif

#ifndef REVIEWROOM_CZLIB_SHIM_H
#define REVIEWROOM_CZLIB_SHIM_H

// The system zlib (Debian 12: 1.2.13), for gzip-compressing the browser client's files. Only
// `ReviewRoomServer` imports this module.
#include <zlib.h>

/// `deflateInit2` is a macro (it passes the header's version and the stream's size), which
/// does not import: starts `stream` writing the gzip format (window bits 15 + 16) at `level`.
static inline int reviewroom_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

#endif

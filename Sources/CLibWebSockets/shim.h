#ifndef REVIEWROOM_CLIBWEBSOCKETS_SHIM_H
#define REVIEWROOM_CLIBWEBSOCKETS_SHIM_H

// libwebsockets 4.1.6 as Swift sees it. Only `WebSocketTransport` imports this module.
// Everything below exists because the C declaration does not import into Swift as is;
// each wrapper says why.
#include <libwebsockets.h>

/// `LWS_PRE` is a function-like macro and does not import: the headroom every
/// `lws_write` payload needs in front of it.
static const size_t reviewroom_lws_pre = LWS_PRE;

#endif

#ifndef REVIEWROOM_CLIBCRYPTO_SHIM_H
#define REVIEWROOM_CLIBCRYPTO_SHIM_H

// OpenSSL's libcrypto, already a dependency through libwebsockets' TLS.
// Only `ReviewRoomStore` imports this module: it hashes tokens (SHA-256) so
// that no token is ever stored, and draws them from the OS CSPRNG (RAND_bytes).
#include <openssl/sha.h>
#include <openssl/rand.h>

#endif

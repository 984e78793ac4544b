// Only the OpenSSL libcrypto header WalkStats uses (the SHA-256 digest of its inputs); no logic lives here.
#include <openssl/evp.h>

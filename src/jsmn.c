/* The one translation unit that compiles jsmn (Debian's header-only libjsmn-dev), in strict
 * mode: without JSMN_STRICT a number split across reads would parse as two tokens. */
#define JSMN_STRICT
#include <jsmn.h>

/* SPDX-License-Identifier: MIT */
/* tinyaws status codes: one distinct value per failure a caller may want to tell apart. */
#ifndef TINYAWS_STATUS_H
#define TINYAWS_STATUS_H

#include "tinyaws/config.h"

#ifdef __cplusplus
extern "C" {
#endif

/* X-macro list: name, text. Order is ABI; append only. */
#define TAWS_STATUS_LIST(X)                                                              \
    X(TAWS_OK, "ok")                                                                     \
    X(TAWS_DONE, "no more items")                                                        \
    X(TAWS_ERR_ARG, "invalid argument")                                                  \
    X(TAWS_ERR_TOO_LONG, "value longer than its buffer or limit")                        \
    X(TAWS_ERR_HEADER_VALUE, "CR, LF or NUL in a header or query value")                 \
    X(TAWS_ERR_URL, "malformed endpoint URL")                                            \
    X(TAWS_ERR_DNS, "host name did not resolve")                                         \
    X(TAWS_ERR_CONNECT, "connection refused or unreachable")                             \
    X(TAWS_ERR_TIMEOUT, "timed out")                                                     \
    X(TAWS_ERR_SEND, "send failed")                                                      \
    X(TAWS_ERR_RECV, "receive failed")                                                   \
    X(TAWS_ERR_CLOSED, "connection closed by peer")                                      \
    X(TAWS_ERR_RANDOM, "random source failed")                                           \
    X(TAWS_ERR_CRYPTO, "crypto primitive failed")                                        \
    X(TAWS_ERR_TLS_SETUP, "TLS configuration failed")                                    \
    X(TAWS_ERR_TLS_CA, "CA bundle could not be loaded")                                  \
    X(TAWS_ERR_TLS_HANDSHAKE, "TLS handshake failed")                                    \
    X(TAWS_ERR_TLS_UNTRUSTED, "server certificate not trusted by the CA bundle")         \
    X(TAWS_ERR_TLS_HOSTNAME, "server certificate does not match the host name")          \
    X(TAWS_ERR_TLS_EXPIRED, "server certificate expired")                                \
    X(TAWS_ERR_TLS_NOT_YET_VALID, "server certificate not yet valid")                    \
    X(TAWS_ERR_TLS_IO, "TLS record error")                                               \
    X(TAWS_ERR_HTTP_SYNTAX, "malformed HTTP response")                                   \
    X(TAWS_ERR_HTTP_LINE_TOO_LONG, "HTTP header line too long")                          \
    X(TAWS_ERR_HTTP_TOO_MANY_HEADERS, "too many HTTP header lines")                      \
    X(TAWS_ERR_HTTP_CONTENT_LENGTH, "bad Content-Length")                                \
    X(TAWS_ERR_HTTP_CHUNK, "bad chunk framing")                                          \
    X(TAWS_ERR_HTTP_TRUNCATED, "HTTP body truncated")                                    \
    X(TAWS_ERR_HTTP_STATUS, "unexpected HTTP status")                                    \
    X(TAWS_ERR_JSON_SYNTAX, "malformed JSON")                                            \
    X(TAWS_ERR_JSON_DEPTH, "JSON nested too deeply")                                     \
    X(TAWS_ERR_JSON_TOKENS, "item has more JSON tokens than the token array")            \
    X(TAWS_ERR_JSON_TYPE, "JSON value of an unexpected type")                            \
    X(TAWS_ERR_JSON_TRUNCATED, "JSON document ended early")                              \
    X(TAWS_ERR_ITEM_TOO_BIG, "item larger than the window")                              \
    X(TAWS_ERR_BAD_TIMESTAMP, "malformed timestamp")                                     \
    X(TAWS_ERR_BAD_NUMBER, "malformed or out-of-range number")                           \
    X(TAWS_ERR_PARAM, "invalid parameter")                                               \
    X(TAWS_ERR_SERVICE, "the service returned an error")                                 \
    X(TAWS_ERR_BAD_TOKEN, "bad starting token")                                          \
    X(TAWS_ERR_TOKEN_REPEATED, "the same next token was received twice")                 \
    X(TAWS_ERR_NO_CREDENTIALS, "no credentials")                                         \
    X(TAWS_ERR_NO_REGION, "no region")                                                   \
    X(TAWS_ERR_STATE, "call not valid in this state")                                    \
    X(TAWS_ERR_PARAM_UTF8, "parameter is not valid UTF-8")                               \
    X(TAWS_ERR_CANCELLED, "cancelled by the application")                                \
    X(TAWS_ERR_URL_NO_SCHEME, "URL does not start with https:// or http://")             \
    X(TAWS_ERR_URL_SCHEME, "URL scheme is not https or http")                            \
    X(TAWS_ERR_URL_USERINFO, "URL user info (user@) is not supported")                   \
    X(TAWS_ERR_URL_HOST_EMPTY, "URL has no host")                                        \
    X(TAWS_ERR_URL_HOST_TOO_LONG, "URL host name too long")                              \
    X(TAWS_ERR_URL_HOST, "invalid character in URL host name")                           \
    X(TAWS_ERR_URL_IPV6, "malformed IPv6 address in URL")                                \
    X(TAWS_ERR_URL_PORT, "URL port is not a number from 1 to 65535")                     \
    X(TAWS_ERR_URL_PATH, "URL path is not supported")                                    \
    X(TAWS_ERR_URL_QUERY, "URL query (?) is not supported")                              \
    X(TAWS_ERR_URL_FRAGMENT, "URL fragment (#) is not supported")                        \
    X(TAWS_ERR_REGION, "region name is not a valid host label")                          \
    X(TAWS_ERR_ENDPOINT_RULE, "endpoint rule set refused the configuration")             \
    X(TAWS_ERR_ENDPOINT_RULES, "no endpoint rule set for the service")                   \
    X(TAWS_ERR_JSON_UNICODE, "JSON string is not Unicode (bad UTF-8, unpaired surrogate)")\
    X(TAWS_ERR_HTTP_HEADER_CTL, "control character in an HTTP response header value")      \
    X(TAWS_ERR_JSON_UNION, "a union value must have one and only one member set")           \
    X(TAWS_ERR_JSON_DUPLICATE, "the result member appears twice in the response")        \
    X(TAWS_ERR_CA_NO_FILE, "CA bundle: no such file")                                    \
    X(TAWS_ERR_CA_DIRECTORY, "CA bundle: is a directory")                                \
    X(TAWS_ERR_CA_UNREADABLE, "CA bundle: cannot be read")                               \
    X(TAWS_ERR_CA_EMPTY, "CA bundle: the file is empty")                                 \
    X(TAWS_ERR_CA_NO_PEM, "CA bundle: no PEM certificate in it")                         \
    X(TAWS_ERR_CA_BAD_CERT, "CA bundle: bad certificate")                                \
    X(TAWS_ERR_CONFIG_MISMATCH, "the application was built with other tinyaws settings than the library") \
    X(TAWS_ERR_INI_LINE_TOO_LONG, "config file: line longer than TAWS_INI_LINE_MAX")     \
    X(TAWS_ERR_INI_NUL, "config file: NUL byte in a line")                               \
    X(TAWS_ERR_INI_UTF8, "config file: line is not valid UTF-8")                         \
    X(TAWS_ERR_INI_NO_SECTION, "config file: a setting before the first [section]")      \
    X(TAWS_ERR_INI_SYNTAX, "config file: line is not [section], key = value or a comment")\
    X(TAWS_ERR_INI_DUP_SECTION, "config file: a [section] appears twice")                \
    X(TAWS_ERR_INI_DUP_KEY, "config file: a key appears twice in one section")           \
    X(TAWS_ERR_INI_NESTED, "config file: an indented sub-setting without '='")           \
    X(TAWS_ERR_INI_NAME_TOO_LONG, "config file: section or key name longer than TAWS_INI_NAME_MAX")\
    X(TAWS_ERR_INI_TOO_MANY, "config file: more sections or keys than the reader can track")\
    X(TAWS_ERR_CRED_MISSING, "credentials response lacks a required member")             \
    X(TAWS_ERR_CRED_DUPLICATE, "credentials response has a member twice")                \
    X(TAWS_ERR_CRED_TOO_LONG, "credential value longer than its buffer")                 \
    X(TAWS_ERR_CRED_VALUE, "credential value empty or with a character not allowed")     \
    X(TAWS_ERR_CRED_TIMESTAMP, "credentials expiration is not an ISO 8601 UTC time")     \
    X(TAWS_ERR_CRED_CODE, "instance metadata credentials Code is not Success")                 \
    X(TAWS_ERR_CRED_PROVIDER, "the credentials provider answered with an error")     \
    X(TAWS_ERR_CRED_HOST, "container credentials host is not allowed")                \
    X(TAWS_ERR_CRED_DISABLED, "instance metadata is disabled")                       \
    X(TAWS_ERR_CRED_CERT, "client certificate could not be parsed")                  \
    X(TAWS_ERR_CRED_KEY, "client private key could not be parsed")                   \
    X(TAWS_ERR_CRED_KEY_MISMATCH, "client private key does not match the certificate")\
    X(TAWS_ERR_TLS_CLIENT_CERT, "the server refused the client certificate")         \
    X(TAWS_ERR_CRED_EXPIRED, "the provider's credentials are already expired")

typedef enum {
#define TAWS_X_ENUM(name, text) name,
    TAWS_STATUS_LIST(TAWS_X_ENUM)
#undef TAWS_X_ENUM
    TAWS_STATUS_COUNT
} taws_status_t;

/* Short English text for a status; never NULL. */
TAWS_API const char *taws_strerror(taws_status_t st);
/* The enum name ("TAWS_ERR_TIMEOUT"), for logs and tests; never NULL. */
TAWS_API const char *taws_status_name(taws_status_t st);

#ifdef __cplusplus
}
#endif

#endif /* TINYAWS_STATUS_H */

/* SPDX-License-Identifier: MIT */
/*
 * Endpoints: "https://host[:port]" or, only when written so, "http://host[:port]"; and the
 * AWS endpoint of a service as botocore resolves it from the model's endpoint rule set
 * (endpoint_rules.h) for a region, with FIPS and/or dual-stack.
 */
#ifndef TINYAWS_SRC_ENDPOINT_H
#define TINYAWS_SRC_ENDPOINT_H

#include "common.h"
#include "tinyaws/client.h" /* taws_endpoint_t, TAWS_ENDPOINT_FIPS, TAWS_ENDPOINT_DUALSTACK */

/* Parses url ("https://host", "http://host:8080/", "HTTPS://[::1]:8443"; the scheme in any case,
 * an empty port meaning the default, a single "/" allowed at the end). Each thing tinyaws cannot
 * use has its own status, whose taws_strerror() text says what is wrong:
 *   TAWS_ERR_URL_NO_SCHEME     no "scheme://" at the start ("localhost:8080", "")
 *   TAWS_ERR_URL_SCHEME        a scheme other than https or http ("ftp://h")
 *   TAWS_ERR_URL_USERINFO      "https://user:pw@h"
 *   TAWS_ERR_URL_HOST_EMPTY    "https://", "https://:443"
 *   TAWS_ERR_URL_HOST_TOO_LONG a host of TAWS_HOST_MAX characters or more
 *   TAWS_ERR_URL_HOST          a character other than letters, digits, '-', '.', '_'
 *   TAWS_ERR_URL_IPV6          "[...]" that is not an IPv6 address, or text after "]"
 *   TAWS_ERR_URL_PORT          a port that is not 1..65535 in decimal digits
 *   TAWS_ERR_URL_PATH, TAWS_ERR_URL_QUERY, TAWS_ERR_URL_FRAGMENT   "/x", "?x", "#x"
 * (TAWS_ERR_URL, the older catch-all, is no longer returned.) */
taws_status_t taws_endpoint_parse(taws_endpoint_t *ep, taws_str_t url);

/* ---- regions ------------------------------------------------------------------------------ */

/* botocore's validate_region_name(): 1 to 63 of [A-Za-z0-9-], not starting or ending with '-',
 * not all digits. TAWS_ERR_NO_REGION for NULL or "", TAWS_ERR_REGION otherwise ("Provided
 * region_name '<region>' doesn't match a supported format." in botocore's words). */
taws_status_t taws_region_check(const char *region);

/* botocore's FIPS pseudo-regions: removes every "fips-", then every "-fips", from region in
 * place ("fips-us-gov-west-1" and "us-east-1-fips" become "us-gov-west-1" and "us-east-1") and
 * returns 1 when it did, meaning "use FIPS" (botocore turns use_fips_endpoint on). */
int taws_region_strip_fips(char *region);

/* ---- service endpoints from the rule sets ---------------------------------------------------- */

#define TAWS_ENDPOINT_FIPS_REGION 4u /* the region was a FIPS pseudo-region: FIPS as well */

/* The endpoint botocore's client uses for a service in region (already through
 * taws_region_strip_fips()) with flags (TAWS_ENDPOINT_*): the rule set of endpoint_prefix
 * ("bedrock", "bedrock-runtime", "ssm") evaluated, its URL written to text (cap bytes; about
 * 100 are enough for these URLs, TAWS_ERR_MSG_MAX for any message) and parsed into ep.
 * TAWS_ERR_ENDPOINT_RULE: the rule set raised an error and text holds its message, e.g.
 * "DualStack is enabled but this partition does not support DualStack" (botocore's
 * EndpointResolutionError, printed as is by the AWS CLI). Also TAWS_ERR_NO_REGION,
 * TAWS_ERR_REGION, TAWS_ERR_ENDPOINT_RULES (no rule set for the prefix), TAWS_ERR_TOO_LONG,
 * or a URL status of taws_endpoint_parse(). No heap; a few hundred bytes of stack. */
taws_status_t taws_endpoint_resolve(taws_endpoint_t *ep, const char *endpoint_prefix,
                                    const char *region, unsigned flags, char *text, size_t cap);

/* The same without FIPS or dual-stack (unless region is a FIPS pseudo-region), for callers of
 * the former hard-coded "https://<prefix>.<region>.amazonaws.com(.cn)". */
taws_status_t taws_endpoint_regional(taws_endpoint_t *ep, const char *prefix, const char *region);

#endif

/* SPDX-License-Identifier: MIT */
/* Calendar arithmetic and timestamp parsing/formatting without libc time or floats. */
#include <string.h>
#include "timeutil.h"

/* Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms). */
int64_t taws_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153u * (m > 2 ? m - 3 : m + 9) + 2u) / 5u + d - 1u;
    doe = yoe * 365u + yoe / 4u - yoe / 100u + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void taws_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era;
    unsigned doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460u + doe / 36524u - doe / 146096u) / 365u;
    doy = doe - (365u * yoe + yoe / 4u - yoe / 100u);
    mp = (5u * doy + 2u) / 153u;
    *d = doy - (153u * mp + 2u) / 5u + 1u;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static int digits(const char *p, size_t n, unsigned *v)
{
    size_t i;
    unsigned x = 0;
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        x = x * 10u + (unsigned)(p[i] - '0');
    }
    *v = x;
    return 1;
}

static unsigned month_days(int64_t y, unsigned m)
{
    static const unsigned char md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return md[m - 1] + (m == 2 && leap ? 1u : 0u);
}

taws_status_t taws_time_parse_iso8601(taws_str_t s, taws_time_t *out)
{
    const char *p = s.p;
    size_t n = s.n, i;
    unsigned Y, M, D, h = 0, mi = 0, sec = 0, usec = 0;
    int64_t off = 0;

    if (p == NULL || n < 10 || !digits(p, 4, &Y) || p[4] != '-' || !digits(p + 5, 2, &M) ||
        p[7] != '-' || !digits(p + 8, 2, &D))
        return TAWS_ERR_BAD_TIMESTAMP;
    if (M < 1 || M > 12 || D < 1 || D > month_days(Y, M))
        return TAWS_ERR_BAD_TIMESTAMP;
    i = 10;
    if (i < n && (p[i] == 'T' || p[i] == 't' || p[i] == ' ')) {
        i++;
        if (i + 5 > n || !digits(p + i, 2, &h) || p[i + 2] != ':' || !digits(p + i + 3, 2, &mi))
            return TAWS_ERR_BAD_TIMESTAMP;
        i += 5;
        if (i < n && p[i] == ':') {
            if (i + 3 > n || !digits(p + i + 1, 2, &sec))
                return TAWS_ERR_BAD_TIMESTAMP;
            i += 3;
            if (i < n && (p[i] == '.' || p[i] == ',')) {
                unsigned nd = 0;
                i++;
                while (i < n && p[i] >= '0' && p[i] <= '9') {
                    if (nd < 6) {
                        usec = usec * 10u + (unsigned)(p[i] - '0');
                        nd++;
                    }
                    i++;
                }
                if (nd == 0)
                    return TAWS_ERR_BAD_TIMESTAMP;
                while (nd++ < 6)
                    usec *= 10u;
            }
        }
        if (h > 23 || mi > 59 || sec > 60)
            return TAWS_ERR_BAD_TIMESTAMP;
        if (i < n && (p[i] == 'Z' || p[i] == 'z')) {
            i++;
        } else if (i < n && (p[i] == '+' || p[i] == '-')) {
            unsigned oh, om;
            int neg = p[i] == '-';
            i++;
            if (i + 2 > n || !digits(p + i, 2, &oh))
                return TAWS_ERR_BAD_TIMESTAMP;
            i += 2;
            if (i < n && p[i] == ':')
                i++;
            if (i + 2 > n || !digits(p + i, 2, &om))
                return TAWS_ERR_BAD_TIMESTAMP;
            i += 2;
            if (oh > 23 || om > 59)
                return TAWS_ERR_BAD_TIMESTAMP;
            off = (int64_t)oh * 3600 + (int64_t)om * 60;
            if (neg)
                off = -off;
        }
    }
    if (i != n)
        return TAWS_ERR_BAD_TIMESTAMP;
    out->sec = taws_days_from_civil(Y, M, D) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + sec - off;
    out->usec = usec;
    out->set = 1;
    return TAWS_OK;
}

taws_status_t taws_time_parse_epoch(taws_str_t s, taws_time_t *out)
{
    /* Exact decimal arithmetic: the value is the digit string dig[0..nd) times 10^e. */
    const char *p = s.p;
    size_t n = s.n, i = 0;
    int neg = 0, any = 0, dropped_nonzero = 0;
    char dig[40];
    long nd = 0, e = 0, exp10 = 0, top, place, k;
    int64_t secs = 0;
    uint32_t frac = 0; /* 7 fraction digits: 6 kept + 1 guard for rounding */

    if (p == NULL || n == 0)
        return TAWS_ERR_BAD_TIMESTAMP;
    if (p[i] == '-' || p[i] == '+')
        neg = p[i++] == '-';
    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
        any = 1;
        if (nd == 0 && p[i] == '0')
            continue; /* leading zero */
        if (nd < (long)sizeof dig) {
            dig[nd++] = p[i];
        } else {
            e++; /* an integer digit we cannot keep still scales the value */
            dropped_nonzero |= p[i] != '0';
        }
    }
    if (i < n && p[i] == '.') {
        for (i++; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
            any = 1;
            if (nd < (long)sizeof dig && !(nd == 0 && p[i] == '0'))
                dig[nd++] = p[i];
            else if (nd != 0) {
                dropped_nonzero |= p[i] != '0';
                continue;
            }
            e--;
        }
    }
    if (!any)
        return TAWS_ERR_BAD_TIMESTAMP;
    if (i < n && (p[i] == 'e' || p[i] == 'E')) {
        int eneg = 0, edig = 0;
        i++;
        if (i < n && (p[i] == '-' || p[i] == '+'))
            eneg = p[i++] == '-';
        for (; i < n && p[i] >= '0' && p[i] <= '9'; i++) {
            edig = 1;
            if (exp10 < 100000)
                exp10 = exp10 * 10 + (p[i] - '0');
        }
        if (!edig)
            return TAWS_ERR_BAD_TIMESTAMP;
        e += eneg ? -exp10 : exp10;
    }
    if (i != n)
        return TAWS_ERR_BAD_TIMESTAMP;

    if (nd > 0) {
        top = nd - 1 + e; /* decimal place of dig[0] */
        if (top > 15)     /* past year 30 million: not a timestamp */
            return TAWS_ERR_BAD_TIMESTAMP;
        for (place = top > -1 ? top : -1; place >= -7; place--) {
            k = top - place;
            unsigned d = (k >= 0 && k < nd) ? (unsigned)(dig[k] - '0') : 0u;
            if (place >= 0)
                secs = secs * 10 + (int64_t)d;
            else
                frac = frac * 10u + d;
        }
        for (k = top + 8 < 0 ? 0 : top + 8; k < nd; k++)
            dropped_nonzero |= dig[k] != '0';
    }
    {
        uint32_t us = frac / 10u, guard = frac % 10u;
        /* Round half to even on the 7th digit; anything dropped beyond it breaks ties up. */
        if (guard > 5 || (guard == 5 && (dropped_nonzero || (us & 1u))))
            us++;
        if (us >= 1000000u) {
            us -= 1000000u;
            secs++;
        }
        if (neg && us != 0) { /* -1.25 s is -2 s + 750000 us */
            secs = -secs - 1;
            us = 1000000u - us;
        } else if (neg) {
            secs = -secs;
        }
        out->sec = secs;
        out->usec = us;
    }
    out->set = 1;
    return TAWS_OK;
}

taws_status_t taws_time_parse_any(taws_str_t s, taws_time_t *out)
{
    if (s.n >= 10 && s.p[4] == '-')
        return taws_time_parse_iso8601(s, out);
    return taws_time_parse_epoch(s, out);
}

taws_status_t taws_time_parse_http(taws_str_t s, int64_t *epoch)
{
    /* "Sun, 06 Nov 1994 08:49:37 GMT" */
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const char *p = s.p;
    unsigned d, Y, h, mi, sec, m;
    if (p == NULL || s.n != 29 || p[3] != ',' || p[4] != ' ' || !digits(p + 5, 2, &d) ||
        p[7] != ' ' || p[11] != ' ' || !digits(p + 12, 4, &Y) || p[16] != ' ' ||
        !digits(p + 17, 2, &h) || p[19] != ':' || !digits(p + 20, 2, &mi) || p[22] != ':' ||
        !digits(p + 23, 2, &sec) || memcmp(p + 25, " GMT", 4) != 0)
        return TAWS_ERR_BAD_TIMESTAMP;
    for (m = 0; m < 12; m++)
        if (memcmp(months + (size_t)3 * m, p + 8, 3) == 0)
            break;
    if (m == 12 || d < 1 || d > month_days(Y, m + 1) || h > 23 || mi > 59 || sec > 60)
        return TAWS_ERR_BAD_TIMESTAMP;
    *epoch = taws_days_from_civil(Y, m + 1, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + sec;
    return TAWS_OK;
}

static void put2(char *o, unsigned v)
{
    o[0] = (char)('0' + v / 10u);
    o[1] = (char)('0' + v % 10u);
}

/* Splits epoch seconds into civil fields; years outside 0..9999 are clamped (never happen
 * with validated input, but the formatter must not overrun). */
static void fields(int64_t t, unsigned *Y, unsigned *M, unsigned *D, unsigned *h, unsigned *mi,
                   unsigned *s)
{
    int64_t days = t / 86400, rem = t % 86400, y;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    taws_civil_from_days(days, &y, M, D);
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    *Y = (unsigned)y;
    *h = (unsigned)(rem / 3600);
    *mi = (unsigned)(rem / 60 % 60);
    *s = (unsigned)(rem % 60);
}

void taws_time_amz_date(int64_t epoch, char out[TAWS_AMZ_DATE_LEN + 1])
{
    unsigned Y, M, D, h, mi, s;
    fields(epoch, &Y, &M, &D, &h, &mi, &s);
    put2(out, Y / 100u);
    put2(out + 2, Y % 100u);
    put2(out + 4, M);
    put2(out + 6, D);
    out[8] = 'T';
    put2(out + 9, h);
    put2(out + 11, mi);
    put2(out + 13, s);
    out[15] = 'Z';
    out[16] = '\0';
}

static size_t format_iso(const taws_time_t *t, char *out, const char *zone)
{
    unsigned Y, M, D, h, mi, s;
    size_t n = 19;
    fields(t->sec, &Y, &M, &D, &h, &mi, &s);
    put2(out, Y / 100u);
    put2(out + 2, Y % 100u);
    out[4] = '-';
    put2(out + 5, M);
    out[7] = '-';
    put2(out + 8, D);
    out[10] = 'T';
    put2(out + 11, h);
    out[13] = ':';
    put2(out + 14, mi);
    out[16] = ':';
    put2(out + 17, s);
    if (t->usec != 0) {
        unsigned u = t->usec % 1000000u, k;
        out[n++] = '.';
        for (k = 0; k < 6; k++) {
            out[n + 5 - k] = (char)('0' + u % 10u);
            u /= 10u;
        }
        n += 6;
    }
    memcpy(out + n, zone, strlen(zone) + 1);
    return n + strlen(zone);
}

size_t taws_time_format_cli(const taws_time_t *t, char out[TAWS_ISO_OUT_MAX])
{
    return format_iso(t, out, "+00:00");
}

size_t taws_time_format_query(const taws_time_t *t, char out[TAWS_ISO_OUT_MAX])
{
    return format_iso(t, out, "Z");
}

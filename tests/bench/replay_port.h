/* SPDX-License-Identifier: MIT */
/*
 * Record and replay ports for the benchmarks (test code, static buffers only).
 *
 * rec_port wraps another port (the POSIX one) and keeps every byte received, with the offset
 * where each response ends (a response ends where the next request starts: one request at a
 * time on a connection). replay_port serves such a recording from memory, response i to
 * request i, cycling back to the first response after the last, so a listing can be repeated
 * with no socket, no server and no TLS: what is measured is tinyaws alone.
 */
#ifndef TINYAWS_BENCH_REPLAY_PORT_H
#define TINYAWS_BENCH_REPLAY_PORT_H

#include "tinyaws/port.h"

#define REC_MAX_BYTES (48u * 1024u * 1024u)
#define REC_MAX_RESPONSES 4096u

typedef struct {
    char *data;         /* responses back to back */
    size_t len;
    size_t ends[REC_MAX_RESPONSES];
    size_t n;           /* responses */
} recording_t;

/* Recording: the inner port does the work. */
typedef struct {
    const taws_port_t *inner;
    recording_t *rec;
    size_t cap;
    int overflow;
} rec_t;

void rec_port_init(taws_port_t *port, rec_t *r, const taws_port_t *inner, recording_t *rec,
                   char *buf, size_t cap);
/* Closes the last response. */
void rec_finish(rec_t *r);
int rec_save(const recording_t *rec, const char *path);
int rec_load(recording_t *rec, char *buf, size_t cap, const char *path);

/* Replay. */
typedef struct {
    const recording_t *rec;
    size_t cur;          /* response served next */
    size_t off;          /* offset in rec->data */
    int open;
    int waiting;         /* a request head was sent and its response is not fully served */
    unsigned head;       /* bytes of "\r\n\r\n" matched so far (across sends) */
    unsigned long requests, connects;
} replay_t;

void replay_port_init(taws_port_t *port, replay_t *r, const recording_t *rec);

#endif

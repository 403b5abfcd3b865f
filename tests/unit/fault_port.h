/* SPDX-License-Identifier: MIT */
/* A fault-injecting port that wraps any other port: splits reads at every byte boundary or at
 * random, fails, resets or stalls past the read timeout at received byte N, and accepts only
 * a few bytes per send (short writes). */
#ifndef TINYAWS_FAULT_PORT_H
#define TINYAWS_FAULT_PORT_H

#include "tinyaws/port.h"

typedef enum { FAULT_NONE, FAULT_ERROR, FAULT_RESET, FAULT_STALL, FAULT_REFUSE } fault_kind_t;

typedef struct {
    const taws_port_t *inner;
    size_t split;          /* 0: pass reads through; n: at most n bytes per recv */
    int random_split;      /* read sizes drawn from 1..split */
    uint64_t rng;
    fault_kind_t kind;     /* what happens when byte fail_at would be received */
    size_t fail_at;
    int repeat;            /* 0: the fault fires once; 1: on every connection at that offset */
    size_t short_writes;   /* 0: pass through; n: at most n bytes per send */
    /* observed */
    size_t rx_total;       /* bytes received on the current connection */
    size_t rx_all;         /* bytes received in all */
    int fired;
} fault_t;

void fault_port_init(taws_port_t *port, fault_t *f, const taws_port_t *inner);

#endif

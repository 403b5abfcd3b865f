/* SPDX-License-Identifier: MIT */
/* --generate-cli-skeleton texts, generated from the models (gen_skeletons.py). */
#ifndef TINYAWS_CLI_SKELETONS_H
#define TINYAWS_CLI_SKELETONS_H

typedef struct {
    const char *op_name;      /* "ListAsyncInvokes"; NULL ends the table */
    const char *input;        /* the input skeleton, as the AWS CLI prints it */
    const char *output;       /* the output skeleton, or NULL when output_error is set */
    const char *output_error; /* the AWS CLI's "Parameter validation failed:" text (exit 252) */
} cli_skeleton_t;

extern const cli_skeleton_t cli_skeletons[];

#endif

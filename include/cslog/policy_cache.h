/* policy_cache.h - a loaded policy set as bytes and back (policy layer),
 * for the cache of parsed policies (src/app/policy_cache.c decides where
 * it lives and when it may be trusted).
 *
 * policy_set_pack gives every field of every policy of set, in a format
 * of this build; policy_set_unpack rebuilds the set from such bytes,
 * checking every length, count and enumeration, and gives -1 (and an
 * empty set) for anything else: bytes of another build, cut short,
 * padded or forged. */
#ifndef CSLOG_POLICY_CACHE_H
#define CSLOG_POLICY_CACHE_H

#include <stddef.h>

#include "cslog/policy.h"

/* 0 and *buf (malloc'd, the caller frees) of *len bytes; -1 out of memory. */
int policy_set_pack(const struct policy_set *set, char **buf, size_t *len);
/* 0 and out filled (free with policy_set_free); -1 and out empty. */
int policy_set_unpack(const void *buf, size_t len, struct policy_set *out);

#endif

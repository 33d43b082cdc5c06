/*
 * An ordered map from binary keys to numbers, outside the JavaScript heap: the index of the
 * in-memory engine's spaces (src/storage/native-index.ts wraps it as a KeyMap).
 *
 * Why: a new key in the JavaScript B+ tree (src/storage/key-map.ts) costs a walk over heap objects,
 * a likely cache miss per level, three array splices and the key's string kept alive in the old
 * generation, which every mark-compact then traces. Here the keys are bytes in malloc'd memory the
 * garbage collector never sees.
 *
 * Shape: three tiers. The index is a sorted array of groups, with each group's first prefix in one
 * contiguous array; a group is a sorted array of up to GROUP_MAX leaves, again with their first
 * prefixes together; a leaf holds up to LEAF_MAX entries, and a byte array `ord` lists them in key
 * order. A lookup searches the groups' prefixes, one group's, then one leaf. An entry has the
 * key's first eight bytes as a big-endian number, so most comparisons read no key bytes; a leaf
 * keeps these prefixes in an array apart from the rest of its entries.
 *
 * Why this shape: a big index is mostly out of the CPU's caches, so a write's cost is its cache
 * misses. Until round nineteen (docs/performance.md) it was one tier of sorted 256-entry blocks: an
 * insert moved half a block's entries (4 KB, lines rarely cached) and a lookup read 32 lines of
 * prefixes; a split moved half of an array with an entry per block. Now an insert moves the bytes
 * of `ord` after it (32 on average) and a lookup reads 10 lines of a leaf; a split moves at most a
 * group's 64 entries. bench/index-floor.mjs --index native, 1.5 million random table keys in
 * batches of 25: 831-852 against 1048-1065 ns per key at the end, of which ~200 make the key.
 *
 * The lines a lookup will read are requested before it (lower_bound), and a batch's keys can be
 * prefetched together before its writes (indexPrefetch), so that their misses overlap.
 * Keys compare as unsigned bytes, a shorter key before its extensions: the order of
 * src/storage/key-tree.ts's binary strings.
 *
 * Keys cross from JavaScript as those binary strings (one code unit 0-255 per byte) and back the
 * same way.
 */
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "key-index.h"

/*
 * The most entries of a leaf and leaves of a group. An index can be made with smaller limits
 * (indexNew(leafMax, groupMax)), so that tests reach every split and merge with few keys. A leaf or
 * group under a quarter of its limit is merged into a neighbour when both fit in half of it.
 */
#define LEAF_MAX 64
#define GROUP_MAX 64
#define SHAPE_MIN 4
#define LINE 64

/* An entry's key (malloc'd), its length and its value; its prefix is in the leaf's `pre`. */
typedef struct {
  uint8_t* key;
  uint32_t len;
  double val;
} Slot;

/*
 * A leaf's entries stay where they were added (entries 0..n-1, in no order); `ord` lists them in key
 * order. So a new key moves only `ord`'s bytes after it (32 on average), not its neighbours'
 * entries: with the entries themselves sorted, that move was most of an insert's cost (perf of
 * in-memory BatchWrite25), as those lines are rarely in the cache. The prefixes are an array of
 * their own, apart from the slots: a search reads `ord` and them (and a slot where two prefixes are
 * equal), ten lines, all fetched at once (lower_bound), instead of one line per step.
 */
typedef struct {
  uint32_t n;
  uint8_t ord[LEAF_MAX]; /* ord[i]: the entry with the i-th smallest key */
  uint64_t pre[LEAF_MAX];
  Slot s[LEAF_MAX];
} Leaf;
/* The bytes a search reads: the count, `ord` and the prefixes. */
#define LEAF_SEARCHED offsetof(Leaf, s)

typedef struct {
  uint32_t n;
  uint64_t firsts[GROUP_MAX]; /* firsts[b]: the prefix of leaves[b]'s first key */
  Leaf* leaves[GROUP_MAX];
} Group;

typedef struct {
  Group** groups;
  uint64_t* firsts; /* firsts[g] == groups[g]->firsts[0] */
  uint32_t ngroups;
  uint32_t cap;
  double count;
  uint32_t leaf_max, group_max; /* at most LEAF_MAX and GROUP_MAX */
} Index;

/* Where a key is or would go: group g, its leaf b, entry i of that leaf. */
typedef struct {
  uint32_t g, b, i;
} Pos;

static uint64_t prefix_of(const uint8_t* key, uint32_t len) {
  uint64_t p = 0;
  for (uint32_t i = 0; i < 8; i++) p = (p << 8) | (i < len ? key[i] : 0);
  return p;
}

/* <0, 0, >0 as the key (epre, ekey, elen) sorts before, with, after the key (k, len, pre). */
static int compare_keys(uint64_t epre, const uint8_t* ekey, uint32_t elen, const uint8_t* k, uint32_t len, uint64_t pre) {
  if (epre != pre) return epre < pre ? -1 : 1;
  uint32_t n = elen < len ? elen : len;
  int c = n > 8 ? memcmp(ekey + 8, k + 8, n - 8) : 0;
  if (c != 0) return c;
  return elen == len ? 0 : elen < len ? -1 : 1;
}

/* The prefix and slot of the leaf's i-th key in order. */
static uint64_t pre_at(const Leaf* b, uint32_t i) {
  return b->pre[b->ord[i]];
}

static Slot* slot_at(const Leaf* b, uint32_t i) {
  return (Slot*)&b->s[b->ord[i]];
}

/* compare_keys for the leaf's i-th key. */
static int compare(const Leaf* b, uint32_t i, const uint8_t* k, uint32_t len, uint64_t pre) {
  const Slot* e = slot_at(b, i);
  return compare_keys(pre_at(b, i), e->key, e->len, k, len, pre);
}

static void prefetch_lines(const void* p, size_t bytes) {
  for (size_t at = 0; at < bytes; at += LINE) __builtin_prefetch((const char*)p + at);
}

/* Appends src's keys from its from-th in order, `count` of them, to dst (whose keys are all before). */
static void append_entries(Leaf* dst, const Leaf* src, uint32_t from, uint32_t count) {
  for (uint32_t k = 0; k < count; k++) {
    uint32_t j = src->ord[from + k], d = dst->n + k;
    dst->pre[d] = src->pre[j];
    dst->s[d] = src->s[j];
    dst->ord[d] = (uint8_t)d;
  }
  dst->n += count;
}

/* Keeps the leaf's first `keep` keys, moved to entries 0..keep-1 (in order). */
static void truncate_leaf(Leaf* b, uint32_t keep) {
  uint64_t pre[LEAF_MAX];
  Slot s[LEAF_MAX];
  for (uint32_t k = 0; k < keep; k++) {
    pre[k] = b->pre[b->ord[k]];
    s[k] = b->s[b->ord[k]];
  }
  memcpy(b->pre, pre, keep * sizeof(uint64_t));
  memcpy(b->s, s, keep * sizeof(Slot));
  for (uint32_t k = 0; k < keep; k++) b->ord[k] = (uint8_t)k;
  b->n = keep;
}

/* Moves `count` leaves of src from si to dst at di (the ranges may overlap). */
static void move_leaves(Group* dst, uint32_t di, const Group* src, uint32_t si, uint32_t count) {
  memmove(dst->firsts + di, src->firsts + si, count * sizeof(uint64_t));
  memmove(dst->leaves + di, src->leaves + si, count * sizeof(Leaf*));
}

/* The group that holds or would hold the key: the last whose first key is <= it (or group 0). */
static uint32_t find_group(const Index* ix, const uint8_t* k, uint32_t len, uint64_t pre) {
  uint32_t lo = 0, hi = ix->ngroups;
  while (lo < hi) {
    uint32_t mid = (lo + hi) >> 1;
    uint64_t f = ix->firsts[mid];
    int le = f < pre || (f == pre && compare(ix->groups[mid]->leaves[0], 0, k, len, pre) <= 0);
    if (le) lo = mid + 1;
    else hi = mid;
  }
  return lo == 0 ? 0 : lo - 1;
}

/* The leaf of group g that holds or would hold the key, as find_group chooses a group. */
static uint32_t find_leaf(const Group* g, const uint8_t* k, uint32_t len, uint64_t pre) {
  uint32_t lo = 0, hi = g->n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) >> 1;
    uint64_t f = g->firsts[mid];
    int le = f < pre || (f == pre && compare(g->leaves[mid], 0, k, len, pre) <= 0);
    if (le) lo = mid + 1;
    else hi = mid;
  }
  return lo == 0 ? 0 : lo - 1;
}

/*
 * The first position in the leaf whose key is >= the key. The leaf is rarely in the cache: all its
 * prefixes' lines are asked for first, so their misses overlap instead of coming one per step.
 */
static uint32_t lower_bound(const Leaf* b, const uint8_t* k, uint32_t len, uint64_t pre) {
  prefetch_lines(b, LEAF_SEARCHED);
  uint32_t lo = 0, hi = b->n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) >> 1;
    if (compare(b, mid, k, len, pre) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The key's position: its entry, or where it would be inserted. The index must not be empty. */
static Pos locate(const Index* ix, const uint8_t* k, uint32_t len, uint64_t pre) {
  Pos p;
  p.g = find_group(ix, k, len, pre);
  const Group* g = ix->groups[p.g];
  p.b = find_leaf(g, k, len, pre);
  p.i = lower_bound(g->leaves[p.b], k, len, pre);
  return p;
}

static const Leaf* leaf_at(const Index* ix, Pos p) {
  return ix->groups[p.g]->leaves[p.b];
}

/* Puts the first prefixes of leaf b of group g, and of that group, back in step. */
static void refresh_firsts(Index* ix, uint32_t g, uint32_t b) {
  Group* grp = ix->groups[g];
  grp->firsts[b] = pre_at(grp->leaves[b], 0);
  if (b == 0) ix->firsts[g] = grp->firsts[0];
}

/* Room for one more group (0 out of memory). */
static int reserve_group(Index* ix) {
  if (ix->ngroups < ix->cap) return 1;
  uint32_t cap = ix->cap == 0 ? 16 : ix->cap * 2;
  Group** groups = realloc(ix->groups, cap * sizeof(Group*));
  if (groups == NULL) return 0;
  ix->groups = groups;
  uint64_t* firsts = realloc(ix->firsts, cap * sizeof(uint64_t));
  if (firsts == NULL) return 0;
  ix->firsts = firsts;
  ix->cap = cap;
  return 1;
}

/* Inserts group grp at position at (reserve_group first); its first prefix is set when it has leaves. */
static void insert_group(Index* ix, uint32_t at, Group* grp) {
  memmove(ix->groups + at + 1, ix->groups + at, (ix->ngroups - at) * sizeof(Group*));
  memmove(ix->firsts + at + 1, ix->firsts + at, (ix->ngroups - at) * sizeof(uint64_t));
  ix->groups[at] = grp;
  ix->firsts[at] = grp->n > 0 ? grp->firsts[0] : 0;
  ix->ngroups++;
}

/* Removes group `at` (already emptied of its leaves, or with them moved elsewhere) and frees it. */
static void remove_group(Index* ix, uint32_t at) {
  free(ix->groups[at]);
  memmove(ix->groups + at, ix->groups + at + 1, (ix->ngroups - at - 1) * sizeof(Group*));
  memmove(ix->firsts + at, ix->firsts + at + 1, (ix->ngroups - at - 1) * sizeof(uint64_t));
  ix->ngroups--;
}

/* Inserts leaf `leaf` into group grp at position at (the group has room). */
static void insert_leaf(Group* grp, uint32_t at, Leaf* leaf) {
  move_leaves(grp, at + 1, grp, at, grp->n - at);
  grp->leaves[at] = leaf;
  grp->firsts[at] = leaf->n > 0 ? pre_at(leaf, 0) : 0;
  grp->n++;
}

/* Removes leaf `at` from group grp and frees it. */
static void remove_leaf(Group* grp, uint32_t at) {
  free(grp->leaves[at]);
  move_leaves(grp, at, grp, at + 1, grp->n - at - 1);
  grp->n--;
}

/* The index's first group and leaf, empty (0 out of memory). */
static int start_index(Index* ix) {
  Group* grp = malloc(sizeof(Group));
  Leaf* leaf = malloc(sizeof(Leaf));
  if (grp == NULL || leaf == NULL || !reserve_group(ix)) {
    free(grp);
    free(leaf);
    return 0;
  }
  leaf->n = 0;
  grp->n = 0;
  insert_leaf(grp, 0, leaf);
  insert_group(ix, 0, grp);
  return 1;
}

/* Undoes start_index when the first key could not be added: no empty leaf or group stays. */
static void drop_empty_start(Index* ix) {
  if (ix->ngroups == 1 && ix->groups[0]->n == 1 && ix->groups[0]->leaves[0]->n == 0) {
    remove_leaf(ix->groups[0], 0);
    remove_group(ix, 0);
  }
}

/*
 * Splits: makes room for one more entry in leaf p.b of group p.g, which is full, with `leaf` (and,
 * when the group is full too, `grp`) as the new right halves. Moves *p to where the key goes.
 * Halves, except for an append to the index's last leaf (keys arriving in order, as when a space is
 * rebuilt after replay): that leaf (and group) stays full and the key starts a new one.
 */
static void split(Index* ix, Pos* p, Leaf* leaf, Group* grp) {
  Group* g = ix->groups[p->g];
  Leaf* b = g->leaves[p->b];
  int last = p->g == ix->ngroups - 1 && p->b == g->n - 1;
  uint32_t half = p->i == ix->leaf_max && last ? ix->leaf_max : ix->leaf_max / 2;
  leaf->n = 0;
  append_entries(leaf, b, half, ix->leaf_max - half);
  truncate_leaf(b, half);
  /* The new leaf goes after b, at position `at` of group g. */
  uint32_t gi = p->g, at = p->b + 1;
  if (grp != NULL) {
    uint32_t ghalf = at == ix->group_max && last ? ix->group_max : ix->group_max / 2;
    grp->n = ix->group_max - ghalf;
    move_leaves(grp, 0, g, ghalf, grp->n);
    g->n = ghalf;
    insert_group(ix, gi + 1, grp);
    if (at > ghalf || grp->n == 0) {
      g = grp;
      at -= ghalf;
      gi++;
    }
  }
  insert_leaf(g, at, leaf);
  if (at == 0) ix->firsts[gi] = g->firsts[0];
  /* b is where it was, or (when the group split before it) at at - 1 of the new group. */
  if (p->i > half || leaf->n == 0) {
    p->g = gi;
    p->b = at;
    p->i -= half;
  } else if (gi != p->g && at > 0) {
    p->g = gi;
    p->b = at - 1;
  }
}

/* Sets the key's value. Returns 1 and the replaced value in *old, 0 for a new key, -1 out of memory. */
static int index_set(Index* ix, const uint8_t* k, uint32_t len, double val, double* old) {
  uint64_t pre = prefix_of(k, len);
  if (ix->ngroups == 0 && !start_index(ix)) return -1;
  Pos p = locate(ix, k, len, pre);
  Group* g = ix->groups[p.g];
  Leaf* b = g->leaves[p.b];
  if (p.i < b->n && compare(b, p.i, k, len, pre) == 0) {
    Slot* e = slot_at(b, p.i);
    *old = e->val;
    e->val = val;
    return 1;
  }
  uint8_t* copy = malloc(len > 0 ? len : 1);
  Leaf* leaf = NULL;
  Group* grp = NULL;
  int ok = copy != NULL;
  if (ok && b->n == ix->leaf_max) {
    leaf = malloc(sizeof(Leaf));
    ok = leaf != NULL;
    if (ok && g->n == ix->group_max) {
      grp = malloc(sizeof(Group));
      ok = grp != NULL && reserve_group(ix);
    }
  }
  if (!ok) {
    free(copy);
    free(leaf);
    free(grp);
    drop_empty_start(ix);
    return -1;
  }
  memcpy(copy, k, len);
  if (leaf != NULL) {
    split(ix, &p, leaf, grp);
    b = ix->groups[p.g]->leaves[p.b];
  }
  uint32_t j = b->n;
  memmove(b->ord + p.i + 1, b->ord + p.i, b->n - p.i);
  b->ord[p.i] = (uint8_t)j;
  b->pre[j] = pre;
  b->s[j].key = copy;
  b->s[j].len = len;
  b->s[j].val = val;
  b->n++;
  if (p.i == 0) refresh_firsts(ix, p.g, p.b);
  ix->count++;
  return 0;
}

/* After group gi lost a leaf: merges it with a neighbour when it is small and both fit in half a group. */
static void merge_groups(Index* ix, uint32_t gi) {
  Group* g = ix->groups[gi];
  if (g->n >= ix->group_max / 4) return;
  uint32_t left = gi, right = gi + 1;
  if (right >= ix->ngroups || ix->groups[right]->n + g->n > ix->group_max / 2) {
    if (gi == 0 || ix->groups[gi - 1]->n + g->n > ix->group_max / 2) return;
    left = gi - 1;
    right = gi;
  }
  Group* l = ix->groups[left];
  Group* r = ix->groups[right];
  move_leaves(l, l->n, r, 0, r->n);
  l->n += r->n;
  remove_group(ix, right);
}

/* Deletes the key. Returns 1 and its value in *old, or 0 when absent. */
static int index_delete(Index* ix, const uint8_t* k, uint32_t len, double* old) {
  if (ix->ngroups == 0) return 0;
  uint64_t pre = prefix_of(k, len);
  Pos p = locate(ix, k, len, pre);
  Group* g = ix->groups[p.g];
  Leaf* b = g->leaves[p.b];
  if (p.i >= b->n || compare(b, p.i, k, len, pre) != 0) return 0;
  uint32_t j = b->ord[p.i];
  *old = b->s[j].val;
  free(b->s[j].key);
  memmove(b->ord + p.i, b->ord + p.i + 1, b->n - p.i - 1);
  b->n--;
  if (j != b->n) {
    /* The last entry moves into the hole, so that entries 0..n-1 stay the used ones. */
    b->pre[j] = b->pre[b->n];
    b->s[j] = b->s[b->n];
    for (uint32_t k = 0; k < b->n; k++) {
      if (b->ord[k] == b->n) {
        b->ord[k] = (uint8_t)j;
        break;
      }
    }
  }
  ix->count--;
  if (b->n == 0) {
    remove_leaf(g, p.b);
    if (g->n == 0) {
      remove_group(ix, p.g);
      return 1;
    }
    if (p.b == 0) ix->firsts[p.g] = g->firsts[0];
    merge_groups(ix, p.g);
    return 1;
  }
  if (p.i == 0) refresh_firsts(ix, p.g, p.b);
  if (b->n < ix->leaf_max / 4) {
    /* Merge with a neighbour in the group when both fit in half a leaf: the right one into the left. */
    uint32_t left = p.b, right = p.b + 1;
    if (right >= g->n || g->leaves[right]->n + b->n > ix->leaf_max / 2) {
      if (p.b == 0 || g->leaves[p.b - 1]->n + b->n > ix->leaf_max / 2) return 1;
      left = p.b - 1;
      right = p.b;
    }
    Leaf* l = g->leaves[left];
    Leaf* r = g->leaves[right];
    append_entries(l, r, 0, r->n);
    remove_leaf(g, right);
    merge_groups(ix, p.g);
  }
  return 1;
}

static const Slot* index_get(const Index* ix, const uint8_t* k, uint32_t len) {
  if (ix->ngroups == 0) return NULL;
  uint64_t pre = prefix_of(k, len);
  Pos p = locate(ix, k, len, pre);
  const Leaf* b = leaf_at(ix, p);
  return p.i < b->n && compare(b, p.i, k, len, pre) == 0 ? slot_at(b, p.i) : NULL;
}

static void index_free(Index* ix) {
  for (uint32_t gi = 0; gi < ix->ngroups; gi++) {
    Group* g = ix->groups[gi];
    for (uint32_t bi = 0; bi < g->n; bi++) {
      Leaf* b = g->leaves[bi];
      for (uint32_t i = 0; i < b->n; i++) free(b->s[i].key);
      free(b);
    }
    free(g);
  }
  free(ix->groups);
  free(ix->firsts);
  free(ix);
}

/* ---- JavaScript bindings ---- */

static void finalize(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  index_free((Index*)data);
}

/* A key argument (a binary string) as bytes: into `buf` when it fits, else a malloc'd copy (*owned). */
typedef struct {
  uint8_t* bytes;
  uint32_t len;
  int owned;
} Key;

/* Per thread: an addon can be loaded by worker threads too. */
static _Thread_local uint8_t key_buf[8192];

static int get_key(napi_env env, napi_value v, Key* out) {
  size_t len = 0;
  napi_valuetype t;
  if (napi_typeof(env, v, &t) != napi_ok || t != napi_string) return 0;
  if (napi_get_value_string_latin1(env, v, (char*)key_buf, sizeof key_buf, &len) != napi_ok) return 0;
  if (len < sizeof key_buf - 1) {
    out->bytes = key_buf;
    out->len = (uint32_t)len;
    out->owned = 0;
    return 1;
  }
  if (napi_get_value_string_latin1(env, v, NULL, 0, &len) != napi_ok || len > UINT32_MAX - 1) return 0;
  uint8_t* heap = malloc(len + 1);
  if (heap == NULL) return 0;
  if (napi_get_value_string_latin1(env, v, (char*)heap, len + 1, &len) != napi_ok) {
    free(heap);
    return 0;
  }
  out->bytes = heap;
  out->len = (uint32_t)len;
  out->owned = 1;
  return 1;
}

static void drop_key(Key* k) {
  if (k->owned) free(k->bytes);
}

/*
 * The call's arguments into argv (room for *argc, which becomes the number passed; at least `want`);
 * argv[0] must be an index (from indexNew).
 */
static Index* args_n(napi_env env, napi_callback_info info, size_t want, size_t* argc, napi_value* argv, const char* usage) {
  void* data = NULL;
  napi_valuetype t;
  if (napi_get_cb_info(env, info, argc, argv, NULL, NULL) != napi_ok || *argc < want ||
      napi_typeof(env, argv[0], &t) != napi_ok || t != napi_external ||
      napi_get_value_external(env, argv[0], &data) != napi_ok || data == NULL) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  return (Index*)data;
}

/* args_n for calls that take exactly `want` arguments. */
static Index* args(napi_env env, napi_callback_info info, size_t want, napi_value* argv, const char* usage) {
  size_t argc = want;
  return args_n(env, info, want, &argc, argv, usage);
}

static napi_value undefined_value(napi_env env) {
  napi_value u;
  napi_get_undefined(env, &u);
  return u;
}

static napi_value number(napi_env env, double d) {
  napi_value v;
  napi_create_double(env, d, &v);
  return v;
}

/* indexNew([leafMax, groupMax]): an empty index; the limits (tests) are integers from 4 to 64. */
static napi_value js_index_new(napi_env env, napi_callback_info info) {
  static const char* usage = "indexNew([leafMax, groupMax]): integers from 4 to 64";
  size_t argc = 2;
  napi_value argv[2];
  uint32_t leaf_max = LEAF_MAX, group_max = GROUP_MAX;
  napi_valuetype t = napi_undefined;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc > 0 && napi_typeof(env, argv[0], &t) != napi_ok) return NULL;
  if (t != napi_undefined) {
    double l = 0, g = 0;
    if (argc < 2 || napi_get_value_double(env, argv[0], &l) != napi_ok || napi_get_value_double(env, argv[1], &g) != napi_ok ||
        !(l >= SHAPE_MIN && l <= LEAF_MAX && l == (uint32_t)l) || !(g >= SHAPE_MIN && g <= GROUP_MAX && g == (uint32_t)g)) {
      napi_throw_range_error(env, NULL, usage);
      return NULL;
    }
    leaf_max = (uint32_t)l;
    group_max = (uint32_t)g;
  }
  Index* ix = calloc(1, sizeof(Index));
  napi_value out;
  if (ix == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  ix->leaf_max = leaf_max;
  ix->group_max = group_max;
  if (napi_create_external(env, ix, finalize, NULL, &out) != napi_ok) {
    free(ix);
    napi_throw_error(env, NULL, "napi_create_external failed");
    return NULL;
  }
  return out;
}

static napi_value js_index_size(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  Index* ix = args(env, info, 1, argv, "indexSize(index)");
  return ix == NULL ? NULL : number(env, ix->count);
}

static napi_value js_index_get(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  Key k;
  Index* ix = args(env, info, 2, argv, "indexGet(index, key): key a string");
  if (ix == NULL) return NULL;
  if (!get_key(env, argv[1], &k)) {
    napi_throw_type_error(env, NULL, "indexGet(index, key): key a string");
    return NULL;
  }
  const Slot* e = index_get(ix, k.bytes, k.len);
  drop_key(&k);
  return e == NULL ? undefined_value(env) : number(env, e->val);
}

static napi_value js_index_set(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  Key k;
  double val, old = 0;
  Index* ix = args(env, info, 3, argv, "indexSet(index, key, value): key a string, value a number");
  if (ix == NULL) return NULL;
  if (napi_get_value_double(env, argv[2], &val) != napi_ok || !get_key(env, argv[1], &k)) {
    napi_throw_type_error(env, NULL, "indexSet(index, key, value): key a string, value a number");
    return NULL;
  }
  int r = index_set(ix, k.bytes, k.len, val, &old);
  drop_key(&k);
  if (r < 0) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
  return r == 1 ? number(env, old) : undefined_value(env);
}

static napi_value js_index_delete(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  Key k;
  double old = 0;
  Index* ix = args(env, info, 2, argv, "indexDelete(index, key): key a string");
  if (ix == NULL) return NULL;
  if (!get_key(env, argv[1], &k)) {
    napi_throw_type_error(env, NULL, "indexDelete(index, key): key a string");
    return NULL;
  }
  int r = index_delete(ix, k.bytes, k.len, &old);
  drop_key(&k);
  return r == 1 ? number(env, old) : undefined_value(env);
}

/*
 * indexPrefetch(index, keys): asks the CPU for the cache lines lookups of the keys will read, without
 * waiting for them, so that the lookups that follow (a batch's writes) find them in the cache: their
 * misses overlap instead of coming one key at a time. In two passes: each key's group's prefixes,
 * then (those now near) each key's leaf's prefixes. Only a key's first eight bytes are read, and a
 * tie of prefixes may fetch a neighbour's lines: a hint, it changes nothing. Keys that are not
 * strings are skipped.
 */
#define PREFETCH_BATCH 64

/* The last of n ascending first prefixes that is <= pre, or 0: find_group and find_leaf by prefix alone. */
static uint32_t by_prefix(const uint64_t* firsts, uint32_t n, uint64_t pre) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) >> 1;
    if (firsts[mid] <= pre) lo = mid + 1;
    else hi = mid;
  }
  return lo == 0 ? 0 : lo - 1;
}
static napi_value js_index_prefetch(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  Index* ix = args(env, info, 2, argv, "indexPrefetch(index, keys): keys an array of strings");
  if (ix == NULL) return NULL;
  bool is_array = false;
  uint32_t n = 0;
  if (napi_is_array(env, argv[1], &is_array) != napi_ok || !is_array || napi_get_array_length(env, argv[1], &n) != napi_ok) {
    napi_throw_type_error(env, NULL, "indexPrefetch(index, keys): keys an array of strings");
    return NULL;
  }
  uint64_t pres[PREFETCH_BATCH];
  const Group* groups[PREFETCH_BATCH];
  for (uint32_t from = 0; from < n && ix->ngroups > 0; from += PREFETCH_BATCH) {
    uint32_t count = 0;
    for (uint32_t j = from; j < n && j < from + PREFETCH_BATCH; j++) {
      napi_value v;
      napi_valuetype t;
      uint8_t head[9];
      size_t len = 0;
      if (napi_get_element(env, argv[1], j, &v) != napi_ok) return NULL;
      if (napi_typeof(env, v, &t) != napi_ok || t != napi_string ||
          napi_get_value_string_latin1(env, v, (char*)head, sizeof head, &len) != napi_ok)
        continue;
      uint64_t pre = prefix_of(head, (uint32_t)len);
      const Group* g = ix->groups[by_prefix(ix->firsts, ix->ngroups, pre)];
      prefetch_lines(g, sizeof *g);
      pres[count] = pre;
      groups[count++] = g;
    }
    for (uint32_t j = 0; j < count; j++) {
      const Group* g = groups[j];
      prefetch_lines(g->leaves[by_prefix(g->firsts, g->n, pres[j])], LEAF_SEARCHED);
    }
  }
  return undefined_value(env);
}

/*
 * A range walk's position and end (indexRange, indexRangeValues): entry i of leaf b of group g is
 * the next one; `stop` (malloc'd, or NULL) is the key it must not pass.
 */
typedef struct {
  Index* ix;
  int64_t g, b, i;
  bool reverse, stop_include;
  uint32_t max;
  uint8_t* stop;
  uint32_t stop_len;
  uint64_t stop_pre;
} Cursor;

/*
 * Reads the arguments after the index (bound, include, reverse, max[, stop, stopInclude]) that
 * argv[1..argc) holds and places the cursor on ix's first entry. 0 (an exception pending) when they
 * are wrong.
 */
static int cursor_open(napi_env env, Index* ix, size_t argc, napi_value* argv, const char* usage, Cursor* c) {
  bool include;
  napi_valuetype bt, st = napi_undefined;
  c->ix = ix;
  c->stop = NULL;
  c->stop_len = 0;
  c->stop_pre = 0;
  c->stop_include = false;
  if (napi_get_value_bool(env, argv[2], &include) != napi_ok || napi_get_value_bool(env, argv[3], &c->reverse) != napi_ok ||
      napi_get_value_uint32(env, argv[4], &c->max) != napi_ok || c->max == 0 || napi_typeof(env, argv[1], &bt) != napi_ok ||
      (bt != napi_undefined && bt != napi_string) || (argc > 5 && napi_typeof(env, argv[5], &st) != napi_ok) ||
      (st != napi_undefined && st != napi_string) ||
      (st == napi_string && (argc < 7 || napi_get_value_bool(env, argv[6], &c->stop_include) != napi_ok))) {
    napi_throw_type_error(env, NULL, usage);
    return 0;
  }
  /* The stop key, copied: get_key's buffer is reused for the bound below. */
  if (st == napi_string) {
    Key k;
    if (!get_key(env, argv[5], &k)) {
      napi_throw_type_error(env, NULL, usage);
      return 0;
    }
    c->stop = malloc(k.len > 0 ? k.len : 1);
    if (c->stop == NULL) {
      drop_key(&k);
      napi_throw_error(env, NULL, "out of memory");
      return 0;
    }
    memcpy(c->stop, k.bytes, k.len);
    c->stop_len = k.len;
    c->stop_pre = prefix_of(c->stop, c->stop_len);
    drop_key(&k);
  }
  if (ix->ngroups == 0) {
    c->g = c->b = c->i = 0;
  } else if (bt == napi_undefined) {
    if (c->reverse) {
      const Group* g = ix->groups[ix->ngroups - 1];
      c->g = (int64_t)ix->ngroups - 1;
      c->b = (int64_t)g->n - 1;
      c->i = (int64_t)g->leaves[g->n - 1]->n - 1;
    } else {
      c->g = c->b = c->i = 0;
    }
  } else {
    Key k;
    if (!get_key(env, argv[1], &k)) {
      free(c->stop);
      napi_throw_type_error(env, NULL, usage);
      return 0;
    }
    uint64_t pre = prefix_of(k.bytes, k.len);
    Pos p = locate(ix, k.bytes, k.len, pre);
    const Leaf* b = leaf_at(ix, p);
    int equal = p.i < b->n && compare(b, p.i, k.bytes, k.len, pre) == 0;
    drop_key(&k);
    c->g = p.g;
    c->b = p.b;
    c->i = p.i;
    if (!c->reverse) {
      if (equal && !include) c->i++;
    } else if (!(equal && include)) {
      c->i--;
    }
  }
  return 1;
}

/* The cursor's entry, moving it on; NULL at the end of the index or past the stop key. */
static const Slot* cursor_next(Cursor* c) {
  Index* ix = c->ix;
  while (c->g >= 0 && c->g < (int64_t)ix->ngroups) {
    const Group* g = ix->groups[c->g];
    if (c->b < 0) {
      if (--c->g >= 0) {
        const Group* prev = ix->groups[c->g];
        c->b = (int64_t)prev->n - 1;
        c->i = (int64_t)prev->leaves[prev->n - 1]->n - 1;
      }
      continue;
    }
    if (c->b >= g->n) {
      c->g++;
      c->b = 0;
      c->i = 0;
      continue;
    }
    const Leaf* b = g->leaves[c->b];
    if (c->i < 0) {
      if (--c->b >= 0) c->i = (int64_t)g->leaves[c->b]->n - 1;
      continue;
    }
    if (c->i >= b->n) {
      c->b++;
      c->i = 0;
      continue;
    }
    if (c->stop != NULL) {
      int d = compare(b, (uint32_t)c->i, c->stop, c->stop_len, c->stop_pre);
      if (c->reverse ? (d < 0 || (d == 0 && !c->stop_include)) : (d > 0 || (d == 0 && !c->stop_include))) return NULL;
    }
    const Slot* e = slot_at(b, (uint32_t)c->i);
    c->i += c->reverse ? -1 : 1;
    return e;
  }
  return NULL;
}

/*
 * indexRange(index, bound, include, reverse, max[, stop, stopInclude]): up to `max` entries as
 * [key, value, key, value, ...] in key order from `bound` (undefined: from the first key, or the
 * last when reverse): keys >= bound (> when !include), or with reverse keys <= bound (< when
 * !include), descending; and not past `stop` (when given): keys <= stop (< when !stopInclude), or
 * with reverse keys >= stop (> when !stopInclude).
 */
static napi_value js_index_range(napi_env env, napi_callback_info info) {
  static const char* usage =
      "indexRange(index, bound, include, reverse, max[, stop, stopInclude]): bound and stop strings or undefined, max >= 1";
  napi_value argv[7];
  size_t argc = 7;
  Cursor c;
  Index* ix = args_n(env, info, 5, &argc, argv, usage);
  if (ix == NULL || !cursor_open(env, ix, argc, argv, usage, &c)) return NULL;
  napi_value out;
  if (napi_create_array(env, &out) != napi_ok) {
    free(c.stop);
    return NULL;
  }
  const Slot* e;
  for (uint32_t n = 0; n < 2 * c.max && (e = cursor_next(&c)) != NULL; n += 2) {
    napi_value key;
    if (napi_create_string_latin1(env, (const char*)e->key, e->len, &key) != napi_ok ||
        napi_set_element(env, out, n, key) != napi_ok || napi_set_element(env, out, n + 1, number(env, e->val)) != napi_ok) {
      free(c.stop);
      return NULL;
    }
  }
  free(c.stop);
  return out;
}

/*
 * indexRangeValues(index, bound, include, reverse, max, stop, stopInclude, out): the entries
 * indexRange would give, as numbers: out (a Float64Array of at least max + 1 elements) gets their
 * count at out[0] and their values at out[1..count]. Returns the last entry's key (undefined when
 * there is none): a range read needs no other key, and makes only that string.
 */
static napi_value js_index_range_values(napi_env env, napi_callback_info info) {
  static const char* usage =
      "indexRangeValues(index, bound, include, reverse, max, stop, stopInclude, out): bound and stop strings or undefined, "
      "max >= 1, out a Float64Array of more than max elements";
  napi_value argv[8];
  size_t argc = 8;
  Index* ix = args_n(env, info, 8, &argc, argv, usage);
  if (ix == NULL) return NULL;
  napi_typedarray_type type;
  size_t length = 0;
  void* data = NULL;
  bool is_typed = false;
  if (napi_is_typedarray(env, argv[7], &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, argv[7], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float64_array) {
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  Cursor c;
  if (!cursor_open(env, ix, 7, argv, usage, &c)) return NULL;
  if (length <= c.max) {
    free(c.stop);
    napi_throw_type_error(env, NULL, usage);
    return NULL;
  }
  double* out = (double*)data;
  const Slot* e;
  const Slot* last = NULL;
  uint32_t n = 0;
  while (n < c.max && (e = cursor_next(&c)) != NULL) {
    out[++n] = e->val;
    last = e;
  }
  out[0] = n;
  free(c.stop);
  if (last == NULL) return undefined_value(env);
  napi_value key;
  if (napi_create_string_latin1(env, (const char*)last->key, last->len, &key) != napi_ok) return NULL;
  return key;
}

/* indexCheck(index): undefined when the structure holds, else a string saying what is wrong. */
static napi_value js_index_check(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  Index* ix = args(env, info, 1, argv, "indexCheck(index)");
  if (ix == NULL) return NULL;
  const char* wrong = NULL;
  double total = 0;
  const Leaf* prev = NULL;
  uint32_t prev_i = 0;
  for (uint32_t gi = 0; gi < ix->ngroups && wrong == NULL; gi++) {
    const Group* g = ix->groups[gi];
    if (g->n == 0 || g->n > ix->group_max) wrong = "group size out of range";
    else if (ix->firsts[gi] != g->firsts[0]) wrong = "group's first prefix out of step";
    for (uint32_t bi = 0; bi < g->n && wrong == NULL; bi++) {
      const Leaf* b = g->leaves[bi];
      if (b->n == 0 || b->n > ix->leaf_max) wrong = "leaf size out of range";
      else if (g->firsts[bi] != pre_at(b, 0)) wrong = "leaf's first prefix out of step";
      uint8_t seen[LEAF_MAX] = {0};
      for (uint32_t i = 0; i < b->n && wrong == NULL; i++) {
        if (b->ord[i] >= b->n || seen[b->ord[i]]++) {
          wrong = "leaf's order is not a permutation of its entries";
          break;
        }
        const Slot* e = slot_at(b, i);
        if (pre_at(b, i) != prefix_of(e->key, e->len)) wrong = "wrong prefix";
        else if (prev != NULL && compare(prev, prev_i, e->key, e->len, pre_at(b, i)) >= 0) wrong = "keys out of order";
        prev = b;
        prev_i = i;
        total++;
      }
    }
  }
  if (wrong == NULL && total != ix->count) wrong = "count out of step with the entries";
  if (wrong == NULL) return undefined_value(env);
  napi_value s;
  napi_create_string_utf8(env, wrong, NAPI_AUTO_LENGTH, &s);
  return s;
}

int register_key_index(napi_env env, napi_value exports) {
  static const struct {
    const char* name;
    napi_callback cb;
  } fns[] = {
      {"indexNew", js_index_new},       {"indexSize", js_index_size},   {"indexGet", js_index_get},
      {"indexSet", js_index_set},       {"indexDelete", js_index_delete}, {"indexRange", js_index_range},
      {"indexCheck", js_index_check},   {"indexPrefetch", js_index_prefetch}, {"indexRangeValues", js_index_range_values},
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    napi_value fn;
    if (napi_create_function(env, fns[i].name, NAPI_AUTO_LENGTH, fns[i].cb, NULL, &fn) != napi_ok) return 0;
    if (napi_set_named_property(env, exports, fns[i].name, fn) != napi_ok) return 0;
  }
  return 1;
}

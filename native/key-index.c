/*
 * An ordered map from binary keys to numbers, outside the JavaScript heap: the index of the
 * in-memory engine's spaces (src/storage/native-index.ts wraps it as a KeyMap).
 *
 * Why: a new key in the JavaScript B+ tree (src/storage/key-map.ts) costs a walk over heap objects,
 * a likely cache miss per level, three array splices and the key's string kept alive in the old
 * generation, which every mark-compact then traces. Here the keys are bytes in malloc'd memory the
 * garbage collector never sees.
 *
 * Shape: a sorted array of blocks, each a sorted array of up to BLOCK_MAX entries. A lookup
 * searches the blocks' first prefixes (one contiguous array of numbers), then one block. An entry
 * has the key's first eight bytes as a big-endian number, so most comparisons read no key bytes;
 * a block keeps these prefixes in an array apart from the rest of its entries.
 *
 * A big index is mostly out of the CPU's caches, so a lookup's cost is its cache misses: the
 * block's lines are requested together before its search (lower_bound), and a batch's keys can be
 * prefetched together before its writes (indexPrefetch). Measured with perf in in-memory
 * BatchWrite25 on a growing table: the index's share fell from 24-27 to 17-19 µs per request.
 * Keys compare as unsigned bytes, a shorter key before its extensions: the order of
 * src/storage/key-tree.ts's binary strings.
 *
 * Keys cross from JavaScript as those binary strings (one code unit 0-255 per byte) and back the
 * same way.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "key-index.h"

#define BLOCK_MAX 256
/* A block this small is merged into a neighbour when both fit in half a block. */
#define BLOCK_LOW (BLOCK_MAX / 4)

/* An entry's key (malloc'd), its length and its value; its prefix is in the block's `pre`. */
typedef struct {
  uint8_t* key;
  uint32_t len;
  double val;
} Slot;

/*
 * The prefixes are an array of their own, apart from the slots: a search reads only them (and a
 * slot where two prefixes are equal), so it touches a few cache lines of a block, all fetched at
 * once (lower_bound), instead of one line per step.
 */
typedef struct {
  uint32_t n;
  uint64_t pre[BLOCK_MAX];
  Slot s[BLOCK_MAX];
} Block;

typedef struct {
  Block** blocks;
  uint64_t* firsts; /* firsts[b] == blocks[b]->pre[0] */
  uint32_t nblocks;
  uint32_t cap;
  double count;
} Index;

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

/* compare_keys for entry i of block b. */
static int compare(const Block* b, uint32_t i, const uint8_t* k, uint32_t len, uint64_t pre) {
  return compare_keys(b->pre[i], b->s[i].key, b->s[i].len, k, len, pre);
}

/* Moves `count` entries of src from si to dst at di (the ranges may overlap). */
static void move_entries(Block* dst, uint32_t di, const Block* src, uint32_t si, uint32_t count) {
  memmove(dst->pre + di, src->pre + si, count * sizeof(uint64_t));
  memmove(dst->s + di, src->s + si, count * sizeof(Slot));
}

/* The block that holds or would hold the key: the last whose first key is <= it (or block 0). */
static uint32_t find_block(const Index* ix, const uint8_t* k, uint32_t len, uint64_t pre) {
  uint32_t lo = 0, hi = ix->nblocks;
  while (lo < hi) {
    uint32_t mid = (lo + hi) >> 1;
    uint64_t f = ix->firsts[mid];
    int le = f < pre || (f == pre && compare(ix->blocks[mid], 0, k, len, pre) <= 0);
    if (le) lo = mid + 1;
    else hi = mid;
  }
  return lo == 0 ? 0 : lo - 1;
}

/*
 * The first position in the block whose key is >= the key. The block is rarely in the cache: all
 * its prefixes' lines are asked for first, so their misses overlap instead of coming one per step.
 */
static uint32_t lower_bound(const Block* b, const uint8_t* k, uint32_t len, uint64_t pre) {
  for (uint32_t i = 0; i < BLOCK_MAX; i += 64 / sizeof(uint64_t)) __builtin_prefetch(&b->pre[i]);
  uint32_t lo = 0, hi = b->n;
  while (lo < hi) {
    uint32_t mid = (lo + hi) >> 1;
    if (compare(b, mid, k, len, pre) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static int insert_block(Index* ix, uint32_t at, Block* b) {
  if (ix->nblocks == ix->cap) {
    uint32_t cap = ix->cap == 0 ? 16 : ix->cap * 2;
    Block** blocks = realloc(ix->blocks, cap * sizeof(Block*));
    if (blocks == NULL) return 0;
    ix->blocks = blocks;
    uint64_t* firsts = realloc(ix->firsts, cap * sizeof(uint64_t));
    if (firsts == NULL) return 0;
    ix->firsts = firsts;
    ix->cap = cap;
  }
  memmove(ix->blocks + at + 1, ix->blocks + at, (ix->nblocks - at) * sizeof(Block*));
  memmove(ix->firsts + at + 1, ix->firsts + at, (ix->nblocks - at) * sizeof(uint64_t));
  ix->blocks[at] = b;
  ix->firsts[at] = b->n > 0 ? b->pre[0] : 0;
  ix->nblocks++;
  return 1;
}

static void remove_block(Index* ix, uint32_t at) {
  free(ix->blocks[at]);
  memmove(ix->blocks + at, ix->blocks + at + 1, (ix->nblocks - at - 1) * sizeof(Block*));
  memmove(ix->firsts + at, ix->firsts + at + 1, (ix->nblocks - at - 1) * sizeof(uint64_t));
  ix->nblocks--;
}

/* Sets the key's value. Returns 1 and the replaced value in *old, 0 for a new key, -1 out of memory. */
static int index_set(Index* ix, const uint8_t* k, uint32_t len, double val, double* old) {
  uint64_t pre = prefix_of(k, len);
  if (ix->nblocks == 0) {
    Block* b = malloc(sizeof(Block));
    if (b == NULL) return -1;
    b->n = 0;
    if (!insert_block(ix, 0, b)) {
      free(b);
      return -1;
    }
  }
  uint32_t bi = find_block(ix, k, len, pre);
  Block* b = ix->blocks[bi];
  uint32_t i = lower_bound(b, k, len, pre);
  if (i < b->n && compare(b, i, k, len, pre) == 0) {
    *old = b->s[i].val;
    b->s[i].val = val;
    return 1;
  }
  uint8_t* copy = malloc(len > 0 ? len : 1);
  if (copy == NULL) {
    if (b->n == 0) remove_block(ix, bi); /* the first block, made above: no empty block stays */
    return -1;
  }
  memcpy(copy, k, len);
  if (b->n == BLOCK_MAX) {
    Block* right = malloc(sizeof(Block));
    if (right == NULL) {
      free(copy);
      return -1;
    }
    /* Halves, except for an append to the last block (keys arriving in order, as when a space is
       rebuilt after replay): that block stays full and the key starts a new one. */
    uint32_t half = i == BLOCK_MAX && bi == ix->nblocks - 1 ? BLOCK_MAX : BLOCK_MAX / 2;
    right->n = BLOCK_MAX - half;
    move_entries(right, 0, b, half, right->n);
    b->n = half;
    if (!insert_block(ix, bi + 1, right)) {
      move_entries(b, half, right, 0, right->n);
      b->n = BLOCK_MAX;
      free(right);
      free(copy);
      return -1;
    }
    if (i > half || right->n == 0) {
      b = right;
      i -= half;
      bi++;
    }
  }
  move_entries(b, i + 1, b, i, b->n - i);
  b->pre[i] = pre;
  b->s[i].key = copy;
  b->s[i].len = len;
  b->s[i].val = val;
  b->n++;
  if (i == 0) ix->firsts[bi] = pre;
  ix->count++;
  return 0;
}

/* Deletes the key. Returns 1 and its value in *old, or 0 when absent. */
static int index_delete(Index* ix, const uint8_t* k, uint32_t len, double* old) {
  if (ix->nblocks == 0) return 0;
  uint64_t pre = prefix_of(k, len);
  uint32_t bi = find_block(ix, k, len, pre);
  Block* b = ix->blocks[bi];
  uint32_t i = lower_bound(b, k, len, pre);
  if (i >= b->n || compare(b, i, k, len, pre) != 0) return 0;
  *old = b->s[i].val;
  free(b->s[i].key);
  move_entries(b, i, b, i + 1, b->n - i - 1);
  b->n--;
  ix->count--;
  if (b->n == 0) {
    remove_block(ix, bi);
    return 1;
  }
  if (i == 0) ix->firsts[bi] = b->pre[0];
  if (b->n < BLOCK_LOW) {
    /* Merge with a neighbour when both fit in half a block: the right one into the left. */
    uint32_t left = bi, right = bi + 1;
    if (right >= ix->nblocks || ix->blocks[right]->n + b->n > BLOCK_MAX / 2) {
      if (bi == 0 || ix->blocks[bi - 1]->n + b->n > BLOCK_MAX / 2) return 1;
      left = bi - 1;
      right = bi;
    }
    Block* l = ix->blocks[left];
    Block* r = ix->blocks[right];
    move_entries(l, l->n, r, 0, r->n);
    l->n += r->n;
    remove_block(ix, right);
  }
  return 1;
}

static const Slot* index_get(const Index* ix, const uint8_t* k, uint32_t len) {
  if (ix->nblocks == 0) return NULL;
  uint64_t pre = prefix_of(k, len);
  const Block* b = ix->blocks[find_block(ix, k, len, pre)];
  uint32_t i = lower_bound(b, k, len, pre);
  return i < b->n && compare(b, i, k, len, pre) == 0 ? &b->s[i] : NULL;
}

static void index_free(Index* ix) {
  for (uint32_t bi = 0; bi < ix->nblocks; bi++) {
    Block* b = ix->blocks[bi];
    for (uint32_t i = 0; i < b->n; i++) free(b->s[i].key);
    free(b);
  }
  free(ix->blocks);
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

static napi_value js_index_new(napi_env env, napi_callback_info info) {
  (void)info;
  Index* ix = calloc(1, sizeof(Index));
  napi_value out;
  if (ix == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
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
 * indexPrefetch(index, keys): asks the CPU for the cache lines a lookup of each key will read
 * (its block's count and prefixes) without waiting for them, so that the lookups that follow (a
 * batch's writes) find them in the cache: their misses overlap instead of coming one key at a time.
 * Changes nothing; keys that are not strings are skipped.
 */
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
  for (uint32_t j = 0; j < n && ix->nblocks > 0; j++) {
    napi_value v;
    Key k;
    if (napi_get_element(env, argv[1], j, &v) != napi_ok) return NULL;
    if (!get_key(env, v, &k)) continue;
    uint64_t pre = prefix_of(k.bytes, k.len);
    const Block* b = ix->blocks[find_block(ix, k.bytes, k.len, pre)];
    drop_key(&k);
    for (uint32_t i = 0; i < BLOCK_MAX; i += 64 / sizeof(uint64_t)) __builtin_prefetch(&b->pre[i]);
  }
  return undefined_value(env);
}

/*
 * A range walk's position and end (indexRange, indexRangeValues): the entry at (bi, i) is the next
 * one; `stop` (malloc'd, or NULL) is the key it must not pass.
 */
typedef struct {
  Index* ix;
  int64_t bi, i;
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
  if (ix->nblocks == 0) {
    c->bi = 0;
    c->i = 0;
  } else if (bt == napi_undefined) {
    c->bi = c->reverse ? (int64_t)ix->nblocks - 1 : 0;
    c->i = c->reverse ? (int64_t)ix->blocks[c->bi]->n - 1 : 0;
  } else {
    Key k;
    if (!get_key(env, argv[1], &k)) {
      free(c->stop);
      napi_throw_type_error(env, NULL, usage);
      return 0;
    }
    uint64_t pre = prefix_of(k.bytes, k.len);
    c->bi = find_block(ix, k.bytes, k.len, pre);
    const Block* b = ix->blocks[c->bi];
    c->i = lower_bound(b, k.bytes, k.len, pre);
    int equal = c->i < b->n && compare(b, (uint32_t)c->i, k.bytes, k.len, pre) == 0;
    drop_key(&k);
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
  while (c->bi >= 0 && c->bi < (int64_t)ix->nblocks) {
    const Block* b = ix->blocks[c->bi];
    if (c->i < 0) {
      if (--c->bi >= 0) c->i = ix->blocks[c->bi]->n - 1;
      continue;
    }
    if (c->i >= b->n) {
      c->bi++;
      c->i = 0;
      continue;
    }
    if (c->stop != NULL) {
      int d = compare(b, (uint32_t)c->i, c->stop, c->stop_len, c->stop_pre);
      if (c->reverse ? (d < 0 || (d == 0 && !c->stop_include)) : (d > 0 || (d == 0 && !c->stop_include))) return NULL;
    }
    const Slot* e = &b->s[c->i];
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
  const Block* prev = NULL;
  uint32_t prev_i = 0;
  for (uint32_t bi = 0; bi < ix->nblocks && wrong == NULL; bi++) {
    const Block* b = ix->blocks[bi];
    if (b->n == 0 || b->n > BLOCK_MAX) wrong = "block size out of range";
    else if (ix->firsts[bi] != b->pre[0]) wrong = "block's first prefix out of step";
    for (uint32_t i = 0; i < b->n && wrong == NULL; i++) {
      const Slot* e = &b->s[i];
      if (b->pre[i] != prefix_of(e->key, e->len)) wrong = "wrong prefix";
      else if (prev != NULL && compare(prev, prev_i, e->key, e->len, b->pre[i]) >= 0) wrong = "keys out of order";
      prev = b;
      prev_i = i;
      total++;
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

// Eddy's optional native helpers (scripts/build-native.mjs builds them; src/storage/native-addon.ts
// loads them; without them Eddy does the same work in plain JavaScript). See docs/performance.md,
// rounds twelve and thirteen.
// - allocate(bytes) -> Buffer: memory for the in-memory engine's value slabs, aligned to 2 MiB and
//   marked MADV_HUGEPAGE, so the kernel backs it with transparent huge pages where it can (a growing
//   table then touches one new page per 2 MiB instead of per 4 KiB); freed when the Buffer is
//   collected.
// - populate(buffer, offset, length[, done]): faults that range in on a libuv worker thread, ahead of
//   the writes that will use it, so the main thread does not wait for fresh memory. The contents are
//   not changed (MADV_POPULATE_WRITE, or an atomic add of zero per page on kernels before 5.14), so
//   it is safe while the main thread writes into the same range. `done` (tests) is called after.
// - mapFile(fd, length) -> Buffer: the first `length` bytes of an open file, mapped read-only and
//   shared, so the log engine reads values with a copy instead of a pread system call each; unmapped
//   when the Buffer is collected. The caller keeps `length` within the file's size.
// - indexNew() and indexGet / indexSet / indexDelete / indexRange / indexSize / indexCheck: an
//   ordered map from binary keys to numbers outside the JavaScript heap, the index of the in-memory
//   and log engines' spaces (key-index.c; src/storage/native-index.ts).
#define _GNU_SOURCE
#include <errno.h>
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "crc32.h"
#include "key-index.h"

#define HUGE_PAGE (2u << 20)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static void release(napi_env env, void* data, void* hint) {
  (void)env;
  (void)hint;
  free(data);
}

static napi_value allocate(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  double bytes = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1 ||
      napi_get_value_double(env, argv[0], &bytes) != napi_ok || !(bytes > 0) || bytes > 4294967296.0) {
    napi_throw_range_error(env, NULL, "allocate(bytes): bytes must be a number in (0, 2^32]");
    return NULL;
  }
  size_t size = (size_t)bytes;
  void* data = NULL;
  if (posix_memalign(&data, HUGE_PAGE, size) != 0 || data == NULL) {
    napi_throw_error(env, NULL, "out of memory");
    return NULL;
  }
#ifdef MADV_HUGEPAGE
  // Advice only: where the kernel has no transparent huge pages this fails and changes nothing.
  (void)madvise(data, (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
  napi_value buffer;
  if (napi_create_external_buffer(env, size, data, release, NULL, &buffer) != napi_ok) {
    free(data);
    napi_throw_error(env, NULL, "napi_create_external_buffer failed");
    return NULL;
  }
  return buffer;
}

typedef struct {
  napi_async_work work;
  napi_ref buffer;  // keeps the memory alive until the work is done
  napi_ref done;    // optional callback
  char* start;
  size_t length;
} Populate;

static void populate_execute(napi_env env, void* data) {
  (void)env;
  Populate* p = data;
  long page = sysconf(_SC_PAGESIZE);
  if (page <= 0) page = 4096;
  uintptr_t from = (uintptr_t)p->start & ~(uintptr_t)(page - 1);
  uintptr_t to = (uintptr_t)p->start + p->length;
  if (p->length == 0) return;
  if (madvise((void*)from, to - from, MADV_POPULATE_WRITE) == 0) return;
  if (errno != EINVAL) return;
  // A kernel without MADV_POPULATE_WRITE: a write fault per page that leaves the byte as it was.
  for (uintptr_t a = (uintptr_t)p->start; a < to; a = (a & ~(uintptr_t)(page - 1)) + (uintptr_t)page) {
    __atomic_fetch_add((volatile unsigned char*)a, 0, __ATOMIC_RELAXED);
  }
}

static void populate_complete(napi_env env, napi_status status, void* data) {
  (void)status;
  Populate* p = data;
  if (p->done != NULL) {
    napi_value fn, global;
    if (napi_get_reference_value(env, p->done, &fn) == napi_ok && napi_get_global(env, &global) == napi_ok) {
      napi_call_function(env, global, fn, 0, NULL, NULL);
    }
    napi_delete_reference(env, p->done);
  }
  napi_delete_reference(env, p->buffer);
  napi_delete_async_work(env, p->work);
  free(p);
}

static napi_value populate(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  bool is_buffer = false;
  napi_valuetype done_type = napi_undefined;
  void* data = NULL;
  size_t size = 0;
  double offset = -1, length = -1;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 3 ||
      napi_is_buffer(env, argv[0], &is_buffer) != napi_ok || !is_buffer ||
      napi_get_buffer_info(env, argv[0], &data, &size) != napi_ok ||
      napi_get_value_double(env, argv[1], &offset) != napi_ok ||
      napi_get_value_double(env, argv[2], &length) != napi_ok || !(offset >= 0) || !(length >= 0) ||
      offset + length > (double)size || (argc > 3 && napi_typeof(env, argv[3], &done_type) != napi_ok) ||
      (done_type != napi_undefined && done_type != napi_function)) {
    napi_throw_range_error(env, NULL, "populate(buffer, offset, length[, done]): a range inside the buffer");
    return NULL;
  }
  Populate* p = calloc(1, sizeof(Populate));
  if (p == NULL) return NULL;  // advice only: without it the writes fault the pages in themselves
  p->start = (char*)data + (size_t)offset;
  p->length = (size_t)length;
  napi_value name;
  if (napi_create_reference(env, argv[0], 1, &p->buffer) != napi_ok ||
      (done_type == napi_function && napi_create_reference(env, argv[3], 1, &p->done) != napi_ok) ||
      napi_create_string_utf8(env, "eddy.populate", NAPI_AUTO_LENGTH, &name) != napi_ok ||
      napi_create_async_work(env, NULL, name, populate_execute, populate_complete, p, &p->work) != napi_ok ||
      napi_queue_async_work(env, p->work) != napi_ok) {
    if (p->work != NULL) napi_delete_async_work(env, p->work);
    if (p->buffer != NULL) napi_delete_reference(env, p->buffer);
    if (p->done != NULL) napi_delete_reference(env, p->done);
    free(p);
  }
  return NULL;
}

static void unmap(napi_env env, void* data, void* hint) {
  (void)env;
  munmap(data, (size_t)(uintptr_t)hint);
}

static napi_value map_file(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t fd = -1;
  double length = 0;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 2 ||
      napi_get_value_int32(env, argv[0], &fd) != napi_ok || fd < 0 ||
      napi_get_value_double(env, argv[1], &length) != napi_ok || !(length >= 1) || length > 281474976710656.0) {
    napi_throw_range_error(env, NULL, "mapFile(fd, length): an open file descriptor and a length of at least 1");
    return NULL;
  }
  size_t size = (size_t)length;
  void* data = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED) {
    char message[128];
    snprintf(message, sizeof message, "mmap failed: %s", strerror(errno));
    napi_throw_error(env, "EMMAP", message);
    return NULL;
  }
  napi_value buffer;
  if (napi_create_external_buffer(env, size, data, unmap, (void*)(uintptr_t)size, &buffer) != napi_ok) {
    munmap(data, size);
    napi_throw_error(env, NULL, "napi_create_external_buffer failed");
    return NULL;
  }
  return buffer;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "allocate", NAPI_AUTO_LENGTH, allocate, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "allocate", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "populate", NAPI_AUTO_LENGTH, populate, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "populate", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "mapFile", NAPI_AUTO_LENGTH, map_file, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "mapFile", fn) != napi_ok) return NULL;
  if (!register_key_index(env, exports)) return NULL;
  if (!register_crc32(env, exports)) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

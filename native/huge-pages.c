// Memory for the in-memory engine's value slabs, aligned to 2 MiB and marked MADV_HUGEPAGE, so
// the kernel backs it with transparent huge pages where it can (see docs/performance.md, round
// twelve): a table that grows then touches one new page per 2 MiB instead of per 4 KiB.
// One function: allocate(bytes) -> Buffer (freed when the Buffer is collected).
#define _GNU_SOURCE
#include <node_api.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE (2u << 20)

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

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "allocate", NAPI_AUTO_LENGTH, allocate, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "allocate", fn) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)

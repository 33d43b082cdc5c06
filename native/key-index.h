/* The ordered key index of native/key-index.c: adds its functions to the addon's exports. */
#ifndef EDDY_KEY_INDEX_H
#define EDDY_KEY_INDEX_H
#include <node_api.h>

int register_key_index(napi_env env, napi_value exports);

#endif

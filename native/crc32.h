/* CRC-32 with PCLMULQDQ (native/crc32.c): adds `crc32` to the addon's exports where the CPU has it. */
#ifndef EDDY_CRC32_H
#define EDDY_CRC32_H
#include <node_api.h>

int register_crc32(napi_env env, napi_value exports);

#endif

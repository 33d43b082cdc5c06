{
  "targets": [
    {
      "target_name": "eddy_native",
      "sources": ["eddy-native.c", "key-index.c", "crc32.c"],
      "cflags": ["-O2"]
    }
  ]
}

{
  "targets": [
    {
      "target_name": "eddy_native",
      "sources": ["eddy-native.c", "key-index.c"],
      "cflags": ["-O2"]
    }
  ]
}

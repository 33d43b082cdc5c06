{
  "targets": [
    {
      "target_name": "eddy_native",
      "sources": ["eddy-native.c"],
      "cflags": ["-O2"]
    }
  ]
}

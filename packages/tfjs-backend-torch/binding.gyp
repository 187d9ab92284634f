{
  "targets": [
    {
      "target_name": "tfjs_torch",
      "sources": [
        "native/addon.cc",
        "native/ops_math.cc",
        "native/ops_shape.cc",
        "native/ops_nn.cc",
        "native/ops_index.cc",
        "native/ops_fused.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!@(node scripts/libtorch-config.mjs include)"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["<!@(node scripts/libtorch-config.mjs cflags)", "-O3", "-fexceptions", "-frtti", "-Wno-unused-parameter"],
      "ldflags": ["<!@(node scripts/libtorch-config.mjs ldflags)"],
      "libraries": ["-ldl"]
    }
  ]
}

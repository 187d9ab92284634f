{
  "targets": [
    {
      "target_name": "weatherlearn_c10d",
      "sources": ["native/addon.cc"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!@(node scripts/libtorch-config.mjs include)"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED", "USE_C10D_GLOO", "USE_DISTRIBUTED"],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["<!@(node scripts/libtorch-config.mjs cflags)", "-O2", "-fexceptions", "-frtti", "-Wno-unused-parameter"],
      "ldflags": ["<!@(node scripts/libtorch-config.mjs ldflags)"]
    }
  ]
}

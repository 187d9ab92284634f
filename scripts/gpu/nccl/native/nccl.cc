// The GPU check's NCCL probe: torch's c10d::ProcessGroupNCCL driven from Node-API at world size 1 on
// one GPU (FileStore rendezvous): allreduce + broadcast + barrier of one float32 buffer, timed.
// Built by scripts/native/build-addon.mjs only against a CUDA libtorch with NCCL (addon.json "needs":
// "nccl"); scripts/gpu/bench.ts (--only nccl) loads it from <kit>/build/Release/weatherlearn_nccl.node.
// A first step towards an NCCL process group in @weatherlearn/distributed (which has Gloo only).
#include <napi.h>
#include <ATen/ATen.h>
#include <c10/cuda/CUDAFunctions.h>
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#include <chrono>
#include <string>
#include <vector>

// roundTrip(storePath, floats, repeats, deviceIndex) → { ms, ok }
static Napi::Value RoundTrip(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 4) throw Napi::TypeError::New(env, "roundTrip(storePath, floats, repeats, deviceIndex)");
  const std::string path = info[0].As<Napi::String>().Utf8Value();
  const int64_t n = info[1].As<Napi::Number>().Int64Value();
  const int repeats = std::max(1, info[2].As<Napi::Number>().Int32Value());
  const auto dev = static_cast<c10::DeviceIndex>(info[3].As<Napi::Number>().Int32Value());
  try {
    c10::cuda::set_device(dev);
    auto store = c10::make_intrusive<c10d::FileStore>(path, 1);
    auto pg = c10::make_intrusive<c10d::ProcessGroupNCCL>(store, 0, 1, c10d::ProcessGroupNCCL::Options::create());
    std::vector<at::Tensor> buf{at::ones({n}, at::TensorOptions().device(at::Device(at::kCUDA, dev)).dtype(at::kFloat))};
    auto once = [&]() {
      pg->allreduce(buf)->wait();
      pg->broadcast(buf)->wait();
      pg->barrier()->wait();
      c10::cuda::device_synchronize();
    };
    once();
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < repeats; i++) once();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / repeats;
    const bool ok = buf[0].eq(1).all().item<bool>();
    Napi::Object r = Napi::Object::New(env);
    r.Set("ms", ms);
    r.Set("ok", ok);
    return r;
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string("ProcessGroupNCCL: ") + e.what());
  }
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("roundTrip", Napi::Function::New(env, RoundTrip));
  return exports;
}

NODE_API_MODULE(weatherlearn_nccl, Init)

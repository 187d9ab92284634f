// Module entry: tensor store primitives (upload, download, free), device and thread settings.
#include "common.h"
#include <ATen/Parallel.h>
#include <torch/version.h>
#include <dlfcn.h>
#include <cstring>

namespace wl {

std::atomic<int64_t> g_live{0};
at::Device g_device(at::kCPU);

at::ScalarType ToScalar(int code) {
  switch (code) {
    case F32: return at::kFloat;
    case I32: return at::kInt;
    case BOOL: return at::kBool;
  }
  throw std::runtime_error("unknown dtype code " + std::to_string(code));
}

at::TensorOptions Opts(int code) { return at::TensorOptions().dtype(ToScalar(code)).device(g_device); }

at::Tensor& T(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsExternal()) {
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " is not a torch tensor handle");
  }
  Box* box = info[i].As<Napi::External<Box>>().Data();
  if (!box->t.defined()) throw Napi::Error::New(info.Env(), "torch tensor handle was already freed");
  return box->t;
}

static int CodeOf(at::ScalarType s) {
  switch (s) {
    case at::kFloat: return F32;
    case at::kInt: return I32;
    case at::kBool: return BOOL;
    default: return -1;
  }
}

Napi::Value Wrap(Napi::Env env, at::Tensor t) {
  switch (t.scalar_type()) {
    case at::kFloat: case at::kInt: case at::kBool: break;
    case at::kDouble: case at::kHalf: case at::kBFloat16: t = t.to(at::kFloat); break;
    default: t = t.to(at::kInt); break;  // int64 indices, uint8, int16, …
  }
  auto* box = new Box{std::move(t)};
  g_live++;
  auto ext = Napi::External<Box>::New(env, box, [](Napi::Env, Box* b) {
    if (b->t.defined()) g_live--;
    delete b;
  });
  const auto sizes = box->t.sizes();
  Napi::Array r = Napi::Array::New(env, 2 + sizes.size());
  r.Set(uint32_t(0), ext);
  r.Set(uint32_t(1), Napi::Number::New(env, CodeOf(box->t.scalar_type())));
  for (size_t d = 0; d < sizes.size(); d++) r.Set(uint32_t(2 + d), Napi::Number::New(env, double(sizes[d])));
  return r;
}

at::Tensor AsDtype(const at::Tensor& t, int code) {
  auto s = ToScalar(code);
  return t.scalar_type() == s ? t : t.to(s);
}

std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsArray()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be an array of integers");
  auto a = info[i].As<Napi::Array>();
  std::vector<int64_t> out(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++) out[k] = int64_t(a.Get(k).As<Napi::Number>().DoubleValue());
  return out;
}
int64_t Int(const Napi::CallbackInfo& info, size_t i) { return int64_t(Num(info, i)); }
double Num(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}
bool Bool(const Napi::CallbackInfo& info, size_t i) { return i < info.Length() && info[i].ToBoolean().Value(); }
std::string Str(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsString()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a string");
  return info[i].As<Napi::String>().Utf8Value();
}
std::vector<at::Tensor> Tensors(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsArray()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be an array of handles");
  auto a = info[i].As<Napi::Array>();
  std::vector<at::Tensor> out;
  for (uint32_t k = 0; k < a.Length(); k++) {
    Napi::Value v = a.Get(k);
    if (!v.IsExternal()) throw Napi::TypeError::New(info.Env(), "element " + std::to_string(k) + " is not a torch tensor handle");
    Box* box = v.As<Napi::External<Box>>().Data();
    if (!box->t.defined()) throw Napi::Error::New(info.Env(), "torch tensor handle was already freed");
    out.push_back(box->t);
  }
  return out;
}

// upload(typedArray, shape, dtypeCode) — copies the values into a new tensor on the current device.
static Napi::Value Upload(const Napi::CallbackInfo& info) {
  if (!info[0].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "upload: values must be a typed array");
  auto arr = info[0].As<Napi::TypedArray>();
  auto shape = Ints(info, 1);
  int code = int(Int(info, 2));
  at::Tensor t = at::empty(shape, at::TensorOptions().dtype(ToScalar(code)));
  size_t bytes = t.numel() * t.element_size();
  if (arr.ByteLength() != bytes) {
    throw Napi::RangeError::New(info.Env(), "upload: " + std::to_string(arr.ByteLength()) + " bytes of values for a tensor of " + std::to_string(bytes) + " bytes");
  }
  if (bytes) std::memcpy(t.data_ptr(), static_cast<uint8_t*>(arr.ArrayBuffer().Data()) + arr.ByteOffset(), bytes);
  if (g_device != at::kCPU) t = t.to(g_device);
  return Wrap(info.Env(), t);
}

// download(handle) — a new Float32Array / Int32Array / Uint8Array (bool) with the values.
static Napi::Value Download(const Napi::CallbackInfo& info) {
  at::Tensor t = T(info, 0).to(at::kCPU).contiguous();
  size_t n = size_t(t.numel());
  Napi::Env env = info.Env();
  auto buf = Napi::ArrayBuffer::New(env, n * t.element_size());
  if (n) std::memcpy(buf.Data(), t.data_ptr(), n * t.element_size());
  switch (t.scalar_type()) {
    case at::kFloat: return Napi::Float32Array::New(env, n, buf, 0);
    case at::kInt: return Napi::Int32Array::New(env, n, buf, 0);
    case at::kBool: return Napi::Uint8Array::New(env, n, buf, 0);
    default: throw Napi::Error::New(env, "download: unexpected dtype");
  }
}

// free(handle) — releases the tensor now (the handle itself is collected later).
static Napi::Value Free(const Napi::CallbackInfo& info) {
  if (!info[0].IsExternal()) throw Napi::TypeError::New(info.Env(), "free: not a torch tensor handle");
  Box* box = info[0].As<Napi::External<Box>>().Data();
  if (box->t.defined()) {
    box->t.reset();
    g_live--;
  }
  return info.Env().Undefined();
}

using BlasThreadsFn = void (*)(int);
static BlasThreadsFn BlasThreads() {
  for (const char* lib : {"libopenblas.so.0", "libblas.so.3", "libopenblas.so", "libopenblasp.so.0"}) {
    void* h = dlopen(lib, RTLD_LAZY | RTLD_NOLOAD);
    if (!h) continue;
    if (auto f = reinterpret_cast<BlasThreadsFn>(dlsym(h, "openblas_set_num_threads"))) return f;
  }
  return nullptr;
}

// setThreads(n) — libtorch's intra-op pool and OpenBLAS's own pool (n > 0).
static Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  int n = int(Int(info, 0));
  bool blas = false;
  if (n > 0) {
    at::set_num_threads(n);
    if (auto f = BlasThreads()) { f(n); blas = true; }
  }
  auto r = Napi::Object::New(info.Env());
  r.Set("threads", at::get_num_threads());
  r.Set("openblas", blas);
  return r;
}

// setDevice('cpu' | 'cuda' | 'cuda:N') — where new tensors go; throws when CUDA is not available.
static Napi::Value SetDevice(const Napi::CallbackInfo& info) {
  at::Device d(Str(info, 0));
  if (d.is_cuda() && !at::hasCUDA()) throw Napi::Error::New(info.Env(), "CUDA is not available in this libtorch (CPU-only build or no GPU visible)");
  if (d.is_cuda() && !d.has_index()) d = at::Device(at::kCUDA, 0);
  g_device = d;
  return Napi::String::New(info.Env(), g_device.str());
}

// setFlushDenormal(on) — flush-to-zero / denormals-are-zero (FTZ/DAZ) on this thread and on each of
// libtorch's intra-op threads (best effort: pools created later inherit the flag from this thread).
// Attention masks of -100 make exp() underflow into denormals, which slow matmuls by 10x or more.
static Napi::Value SetFlushDenormal(const Napi::CallbackInfo& info) {
  bool on = Bool(info, 0);
  bool ok = at::globalContext().setFlushDenormal(on);
  int n = at::get_num_threads();
  if (ok && n > 1) at::parallel_for(0, n, 1, [on](int64_t, int64_t) { at::globalContext().setFlushDenormal(on); });
  return Napi::Boolean::New(info.Env(), ok && on);
}

static Napi::Value Info(const Napi::CallbackInfo& info) {
  auto r = Napi::Object::New(info.Env());
  r.Set("version", TORCH_VERSION);
  r.Set("device", g_device.str());
  r.Set("threads", at::get_num_threads());
  r.Set("cuda", at::hasCUDA());
  r.Set("cudaDevices", at::hasCUDA() ? int(at::detail::getCUDAHooks().getNumGPUs()) : 0);
  r.Set("live", double(g_live.load()));
  r.Set("parallel", at::get_parallel_info());
  return r;
}

void InitCpuCache(Napi::Env env, Napi::Object exports);  // cpu_cache.cc

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  Export<Upload>(env, exports, "upload");
  Export<Download>(env, exports, "download");
  Export<Free>(env, exports, "free");
  Export<SetThreads>(env, exports, "setThreads");
  Export<SetDevice>(env, exports, "setDevice");
  Export<SetFlushDenormal>(env, exports, "setFlushDenormal");
  Export<Info>(env, exports, "info");
  InitMath(env, exports);
  InitShape(env, exports);
  InitNN(env, exports);
  InitIndex(env, exports);
  InitFused(env, exports);
  InitCpuCache(env, exports);
  return exports;
}

}  // namespace wl

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return wl::Init(env, exports); }

NODE_API_MODULE(tfjs_torch, InitModule)

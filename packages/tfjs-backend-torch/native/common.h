// Shared helpers of the tfjs torch addon: tensor handles, argument parsing, result wrapping.
#pragma once
#include <napi.h>
#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <atomic>
#include <string>
#include <vector>

namespace wl {

/** A libtorch tensor owned by a JS handle (a Napi::External). `free` resets it; GC deletes the box. */
struct Box {
  at::Tensor t;
};

/** Number of live (not yet freed) tensors, for leak checks. */
extern std::atomic<int64_t> g_live;
/** Device new tensors are created on (uploads, fills). */
extern at::Device g_device;

/** tfjs dtype codes shared with TypeScript: 0 float32, 1 int32, 2 bool. */
enum Dtype { F32 = 0, I32 = 1, BOOL = 2 };

at::ScalarType ToScalar(int code);
at::TensorOptions Opts(int code);

/** The tensor behind a handle argument; throws a JS error when it is not a live handle. */
at::Tensor& T(const Napi::CallbackInfo& info, size_t i);
/** Wraps a result as [handle, dtypeCode, ...shape], normalising dtypes to float32/int32/bool. */
Napi::Value Wrap(Napi::Env env, at::Tensor t);
/** Casts to the tfjs dtype code when it differs. */
at::Tensor AsDtype(const at::Tensor& t, int code);

std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i);
int64_t Int(const Napi::CallbackInfo& info, size_t i);
double Num(const Napi::CallbackInfo& info, size_t i);
bool Bool(const Napi::CallbackInfo& info, size_t i);
std::string Str(const Napi::CallbackInfo& info, size_t i);
std::vector<at::Tensor> Tensors(const Napi::CallbackInfo& info, size_t i);

using Fn = Napi::Value (*)(const Napi::CallbackInfo&);

/** Converts libtorch / C++ exceptions into JS errors and runs in inference mode. */
template <Fn F>
Napi::Value Guarded(const Napi::CallbackInfo& info) {
  try {
    c10::InferenceMode guard;
    return F(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Napi::Error::New(info.Env(), std::string("libtorch: ") + e.what_without_backtrace());
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), std::string("libtorch: ") + e.what());
  }
}

template <Fn F>
void Export(Napi::Env env, Napi::Object exports, const char* name) {
  exports.Set(name, Napi::Function::New(env, Guarded<F>, name));
}

void InitMath(Napi::Env env, Napi::Object exports);
void InitShape(Napi::Env env, Napi::Object exports);
void InitNN(Napi::Env env, Napi::Object exports);
void InitIndex(Napi::Env env, Napi::Object exports);
void InitFused(Napi::Env env, Napi::Object exports);

}  // namespace wl

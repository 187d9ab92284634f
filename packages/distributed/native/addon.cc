// Node-API bindings to torch.distributed's c10d: a TCPStore/FileStore rendezvous and a Gloo process
// group with allreduce / broadcast / barrier on float32 buffers. Operations are enqueued on the JS
// thread (so every rank issues them in the same order) and awaited on a libuv worker (the event loop
// keeps running: signal handlers, progress). Errors (timeouts, a peer that died) reject the promise.
#include <napi.h>
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <ATen/ATen.h>
#include <torch/version.h>
#include <chrono>
#include <memory>
#include <string>

namespace {

using c10d::ProcessGroupGloo;
using Ms = std::chrono::milliseconds;

std::string Message(const std::exception& e) {
  std::string m = e.what();
  // c10 appends a C++ backtrace ("Exception raised from …"); keep the first line(s) only.
  auto cut = m.find("\nException raised from");
  if (cut != std::string::npos) m = m.substr(0, cut);
  return m;
}

struct Group {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<ProcessGroupGloo> pg;
  int rank = 0, size = 1;
  int64_t timeoutMs = 0;
};

/** Options of connect(), read on the JS thread. */
struct ConnectOptions {
  std::string store, host, path, device;
  int port = 0, rank = 0, size = 1, threads = 2;
  int64_t timeoutMs = 60000, rendezvousMs = 60000;
};

/** Builds the store and the Gloo group off the JS thread (both block until every rank arrived). */
class ConnectWorker : public Napi::AsyncWorker {
 public:
  ConnectWorker(Napi::Env env, ConnectOptions o) : Napi::AsyncWorker(env), o_(std::move(o)), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      auto g = std::make_shared<Group>();
      g->rank = o_.rank; g->size = o_.size; g->timeoutMs = o_.timeoutMs;
      c10::intrusive_ptr<c10d::Store> base;
      if (o_.store == "file") {
        base = c10::make_intrusive<c10d::FileStore>(o_.path, o_.size);
      } else {
        c10d::TCPStoreOptions so;
        so.port = static_cast<uint16_t>(o_.port);
        so.isServer = o_.rank == 0;
        so.numWorkers = o_.size;
        so.waitWorkers = true;
        so.timeout = Ms(o_.rendezvousMs);
        base = c10::make_intrusive<c10d::TCPStore>(o_.host, so);
      }
      base->setTimeout(Ms(o_.rendezvousMs));
      g->store = c10::make_intrusive<c10d::PrefixStore>("weatherlearn/0", base);
      auto opts = ProcessGroupGloo::Options::create(Ms(o_.timeoutMs));
      opts->devices.push_back(o_.device.empty() ? ProcessGroupGloo::createDefaultDevice()
                                                : ProcessGroupGloo::createDeviceForHostname(o_.device));
      opts->threads = o_.threads;
      g->pg = c10::make_intrusive<ProcessGroupGloo>(g->store, o_.rank, o_.size, opts);
      group_ = g;
    } catch (const std::exception& e) {
      SetError(Message(e));
    }
  }
  void OnOK() override;
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  ConnectOptions o_;
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<Group> group_;
};

/** Waits for one enqueued collective; holds the JS buffer alive until it is done. */
class WaitWorker : public Napi::AsyncWorker {
 public:
  WaitWorker(Napi::Env env, c10::intrusive_ptr<c10d::Work> work, Napi::Value keep, std::string what)
      : Napi::AsyncWorker(env), work_(std::move(work)), what_(std::move(what)), deferred_(Napi::Promise::Deferred::New(env)) {
    if (keep.IsObject()) keep_ = Napi::Persistent(keep.As<Napi::Object>());
  }
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      work_->wait();
    } catch (const std::exception& e) {
      SetError(what_ + ": " + Message(e));
    }
  }
  void OnOK() override { deferred_.Resolve(Env().Undefined()); }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  c10::intrusive_ptr<c10d::Work> work_;
  std::string what_;
  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference keep_;
};

std::shared_ptr<Group>& GroupOf(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsExternal()) throw Napi::TypeError::New(info.Env(), "argument 0 is not a process-group handle");
  auto* g = info[0].As<Napi::External<std::shared_ptr<Group>>>().Data();
  if (!*g) throw Napi::Error::New(info.Env(), "the process group was already destroyed");
  return *g;
}

at::Tensor Buffer(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() <= i || !info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a Float32Array");
  }
  auto a = info[i].As<Napi::Float32Array>();
  return at::from_blob(a.Data(), {static_cast<int64_t>(a.ElementLength())}, at::TensorOptions().dtype(at::kFloat));
}

Napi::Value Start(const Napi::CallbackInfo& info, c10::intrusive_ptr<c10d::Work> work, Napi::Value keep, const std::string& what) {
  auto* w = new WaitWorker(info.Env(), std::move(work), keep, what);
  auto p = w->Promise();
  w->Queue();
  return p;
}

void ConnectWorker::OnOK() {
  auto env = Env();
  auto* holder = new std::shared_ptr<Group>(group_);
  auto ext = Napi::External<std::shared_ptr<Group>>::New(env, holder, [](Napi::Env, std::shared_ptr<Group>* h) { delete h; });
  deferred_.Resolve(ext);
}

// connect({ store: 'tcp'|'file', host, port, path, rank, size, timeoutMs, rendezvousTimeoutMs, device, threads }) → Promise<handle>
Napi::Value Connect(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(env, "connect(options) needs an options object");
  auto o = info[0].As<Napi::Object>();
  auto str = [&](const char* k) { auto v = o.Get(k); return v.IsString() ? v.As<Napi::String>().Utf8Value() : std::string(); };
  auto num = [&](const char* k, double d) { auto v = o.Get(k); return v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : d; };
  ConnectOptions c;
  c.store = str("store"); c.host = str("host"); c.path = str("path"); c.device = str("device");
  c.port = static_cast<int>(num("port", 29500)); c.rank = static_cast<int>(num("rank", 0)); c.size = static_cast<int>(num("size", 1));
  c.timeoutMs = static_cast<int64_t>(num("timeoutMs", 60000));
  c.rendezvousMs = static_cast<int64_t>(num("rendezvousTimeoutMs", double(c.timeoutMs))); c.threads = static_cast<int>(num("threads", 2));
  if (c.size < 1 || c.rank < 0 || c.rank >= c.size) throw Napi::RangeError::New(env, "rank must be in [0, size)");
  auto* w = new ConnectWorker(env, c);
  auto p = w->Promise();
  w->Queue();
  return p;
}

// allreduce(handle, Float32Array, op: 'sum'|'max'|'min'|'product') → Promise<void>, in place
Napi::Value AllReduce(const Napi::CallbackInfo& info) {
  auto& g = GroupOf(info);
  std::vector<at::Tensor> ts{Buffer(info, 1)};
  std::string op = info.Length() > 2 && info[2].IsString() ? info[2].As<Napi::String>().Utf8Value() : "sum";
  c10d::AllreduceOptions o;
  if (op == "sum") o.reduceOp = c10d::ReduceOp::SUM;
  else if (op == "max") o.reduceOp = c10d::ReduceOp::MAX;
  else if (op == "min") o.reduceOp = c10d::ReduceOp::MIN;
  else if (op == "product") o.reduceOp = c10d::ReduceOp::PRODUCT;
  else throw Napi::RangeError::New(info.Env(), "unknown reduce op \"" + op + "\" (sum, max, min, product)");
  try {
    return Start(info, g->pg->allreduce(ts, o), info[1], "allreduce");
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), "allreduce: " + Message(e));
  }
}

// broadcast(handle, Float32Array, root) → Promise<void>, in place
Napi::Value Broadcast(const Napi::CallbackInfo& info) {
  auto& g = GroupOf(info);
  std::vector<at::Tensor> ts{Buffer(info, 1)};
  c10d::BroadcastOptions o;
  o.rootRank = info.Length() > 2 && info[2].IsNumber() ? info[2].As<Napi::Number>().Int64Value() : 0;
  if (o.rootRank < 0 || o.rootRank >= g->size) throw Napi::RangeError::New(info.Env(), "broadcast root must be in [0, size)");
  try {
    return Start(info, g->pg->broadcast(ts, o), info[1], "broadcast");
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), "broadcast: " + Message(e));
  }
}

// barrier(handle) → Promise<void>
Napi::Value Barrier(const Napi::CallbackInfo& info) {
  auto& g = GroupOf(info);
  try {
    return Start(info, g->pg->barrier(c10d::BarrierOptions()), info.Env().Undefined(), "barrier");
  } catch (const std::exception& e) {
    throw Napi::Error::New(info.Env(), "barrier: " + Message(e));
  }
}

// destroy(handle): drops the group (joins Gloo's threads) and the store.
Napi::Value Destroy(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsExternal()) throw Napi::TypeError::New(info.Env(), "argument 0 is not a process-group handle");
  auto* g = info[0].As<Napi::External<std::shared_ptr<Group>>>().Data();
  g->reset();
  return info.Env().Undefined();
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  auto r = Napi::Object::New(info.Env());
  r.Set("libtorch", TORCH_VERSION);
  r.Set("backends", Napi::String::New(info.Env(), "gloo"));
  return r;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("connect", Napi::Function::New(env, Connect));
  exports.Set("allreduce", Napi::Function::New(env, AllReduce));
  exports.Set("broadcast", Napi::Function::New(env, Broadcast));
  exports.Set("barrier", Napi::Function::New(env, Barrier));
  exports.Set("destroy", Napi::Function::New(env, Destroy));
  exports.Set("info", Napi::Function::New(env, Info));
  return exports;
}

}  // namespace

NODE_API_MODULE(weatherlearn_c10d, Init)

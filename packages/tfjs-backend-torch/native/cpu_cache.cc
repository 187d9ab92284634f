// A caching CPU allocator in front of libtorch's default one (PyTorch's CUDA caching allocator,
// applied to host memory). Why: a training step frees and re-allocates the same tensor sizes every
// step. Through glibc, freed memory fragments and stays with the process (most likely around the JS
// side's small allocations, which live until V8 collects a handle): the benchmark block kept ~6× its
// peak live tensor bytes; with a fixed mmap threshold instead, every large
// tensor pays fresh page faults (measured +20 % step time). Here large blocks are mmap-ed, kept on
// a free list per page-rounded size after release and handed out again for the same size, so
// steps reuse warm pages and nothing fragments. Blocks over the cache limit go back to the kernel.
#include "common.h"
#include <c10/core/CPUAllocator.h>
#include <sys/mman.h>
#include <mutex>
#include <unordered_map>

namespace wl {
namespace {

constexpr size_t kPage = 4096;
/** Below this, libtorch's default allocator (glibc) serves: small blocks do not fragment the heap. */
constexpr size_t kMinCached = 64 * 1024;

class CachingCPUAllocator final : public c10::Allocator {
 public:
  explicit CachingCPUAllocator(c10::Allocator* base) : base_(base) {}

  c10::DataPtr allocate(size_t n) const override {
    if (n < kMinCached) return base_->allocate(n);
    size_t size = (n + kPage - 1) / kPage * kPage;
    void* p = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = free_.find(size);
      if (it != free_.end() && !it->second.empty()) {
        p = it->second.back();
        it->second.pop_back();
        cached_ -= size;
        hits_++;
      } else {
        misses_++;
      }
    }
    if (!p) {
      p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (p == MAP_FAILED) {
        // out of memory or of mappings (vm.max_map_count): give the cached blocks back, try again
        const_cast<CachingCPUAllocator*>(this)->Empty();
        p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      }
      if (p == MAP_FAILED) throw c10::Error({__func__, __FILE__, static_cast<uint32_t>(__LINE__)}, "CPU allocator: out of memory allocating " + std::to_string(size) + " bytes");
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      live_[p] = size;
      inUse_ += size;
    }
    // context == data: libtorch's raw_allocate/raw_deallocate (kernel scratch buffers) require it
    return {p, p, &Release, c10::Device(c10::DeviceType::CPU)};
  }

  c10::DeleterFnPtr raw_deleter() const override { return &Release; }

  /** Returns a block to its free list, or to the kernel when the cache is full. */
  static void Release(void* p) {
    CachingCPUAllocator& self = *instance;
    size_t size = 0;
    bool keep = false;
    {
      std::lock_guard<std::mutex> lock(self.mu_);
      auto it = self.live_.find(p);
      if (it != self.live_.end()) {
        size = it->second;
        self.live_.erase(it);
        self.inUse_ -= size;
        keep = self.cached_ + size <= self.limit_;
        if (keep) { self.free_[size].push_back(p); self.cached_ += size; }
      }
    }
    if (!size) {
      // a small block from the base allocator, released through raw_deallocate
      self.base_->raw_deleter()(p);
    } else if (!keep) {
      munmap(p, size);
    }
  }

  /** Gives every cached block back to the kernel. */
  void Empty() {
    std::unordered_map<size_t, std::vector<void*>> drop;
    {
      std::lock_guard<std::mutex> lock(mu_);
      drop.swap(free_);
      cached_ = 0;
    }
    for (auto& [size, blocks] : drop) for (void* p : blocks) munmap(p, size);
  }

  void SetLimit(size_t bytes) {
    bool over;
    { std::lock_guard<std::mutex> lock(mu_); limit_ = bytes; over = cached_ > bytes; }
    if (over) Empty();
  }

  Napi::Object Stats(Napi::Env env) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto r = Napi::Object::New(env);
    r.Set("cachedBytes", double(cached_));
    r.Set("inUseBytes", double(inUse_));
    r.Set("limitBytes", double(limit_));
    r.Set("hits", double(hits_));
    r.Set("misses", double(misses_));
    return r;
  }

  c10::Allocator* base() const { return base_; }

  /** The one instance (never destroyed: tensors may be released during static destruction). */
  static CachingCPUAllocator* instance;

 private:
  c10::Allocator* base_;
  mutable std::mutex mu_;
  mutable std::unordered_map<size_t, std::vector<void*>> free_;
  mutable std::unordered_map<void*, size_t> live_;
  mutable size_t cached_ = 0, inUse_ = 0, hits_ = 0, misses_ = 0;
  size_t limit_ = size_t(1) << 30;
};

CachingCPUAllocator* CachingCPUAllocator::instance = nullptr;

CachingCPUAllocator& Cache() {
  if (!CachingCPUAllocator::instance) CachingCPUAllocator::instance = new CachingCPUAllocator(c10::GetCPUAllocator());
  return *CachingCPUAllocator::instance;
}

// cpuCache(on, limitBytes) — installs (or removes) the caching allocator for new CPU tensors and
// sets the cache limit; returns the stats. Tensors allocated before keep their own deleters.
Napi::Value CpuCache(const Napi::CallbackInfo& info) {
  CachingCPUAllocator& c = Cache();
  if (info.Length() > 0 && info[0].IsBoolean()) {
    c10::SetCPUAllocator(info[0].As<Napi::Boolean>().Value() ? static_cast<c10::Allocator*>(&c) : c.base());
  }
  if (info.Length() > 1 && info[1].IsNumber()) c.SetLimit(size_t(Num(info, 1)));
  auto r = c.Stats(info.Env());
  r.Set("on", c10::GetCPUAllocator() == &c);
  return r;
}

// cpuCacheEmpty() — gives the cached (free) blocks back to the kernel (torch.cuda.empty_cache).
Napi::Value CpuCacheEmpty(const Napi::CallbackInfo& info) {
  Cache().Empty();
  return Cache().Stats(info.Env());
}

}  // namespace

void InitCpuCache(Napi::Env env, Napi::Object exports) {
  exports.Set("cpuCache", Napi::Function::New(env, CpuCache, "cpuCache"));
  exports.Set("cpuCacheEmpty", Napi::Function::New(env, CpuCacheEmpty, "cpuCacheEmpty"));
}

}  // namespace wl

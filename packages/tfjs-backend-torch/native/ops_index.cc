// N-dimensional indexing: GatherNd, ScatterNd (duplicates summed), OneHot, TopK, and Einsum.
// tfjs indices are int32 [..., K] addressing the first K dimensions of a tensor.
#include "common.h"

namespace wl {

// Row-major linear index over the first K dims of `shape` for indices [N, K]; throws on an out-of-range entry.
static at::Tensor LinearIndex(const Napi::CallbackInfo& info, const char* op, const at::Tensor& idx, at::IntArrayRef shape) {
  int64_t k = idx.size(1);
  if (k > int64_t(shape.size())) throw Napi::RangeError::New(info.Env(), std::string(op) + ": indices address " + std::to_string(k) + " dimensions of a rank-" + std::to_string(shape.size()) + " tensor");
  at::Tensor lin = at::zeros({idx.size(0)}, idx.options().dtype(at::kLong));
  for (int64_t d = 0; d < k; d++) {
    at::Tensor col = idx.select(1, d).to(at::kLong);
    if (col.numel() > 0) {
      int64_t lo = col.min().item<int64_t>(), hi = col.max().item<int64_t>();
      if (lo < 0 || hi >= shape[d]) {
        throw Napi::RangeError::New(info.Env(), std::string(op) + ": index " + std::to_string(lo < 0 ? lo : hi) + " in dimension " + std::to_string(d) + " is not in [0, " + std::to_string(shape[d] - 1) + "]");
      }
    }
    lin = lin.mul_(shape[d]).add_(col);
  }
  return lin;
}

static int64_t Prod(at::IntArrayRef s, size_t from, size_t to) {
  int64_t p = 1;
  for (size_t d = from; d < to; d++) p *= s[d];
  return p;
}

// gatherNd(x, indices) — out shape: indices.shape[:-1] + x.shape[K:].
static Napi::Value GatherNd(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0), idx = T(info, 1);
  int64_t k = idx.size(-1);
  at::Tensor flat = idx.reshape({-1, k});
  at::Tensor lin = LinearIndex(info, "GatherNd", flat, x.sizes());
  at::Tensor rows = x.reshape({Prod(x.sizes(), 0, size_t(k)), -1}).index_select(0, lin);
  std::vector<int64_t> shape(idx.sizes().begin(), idx.sizes().end() - 1);
  for (int64_t d = k; d < x.dim(); d++) shape.push_back(x.size(d));
  return Wrap(info.Env(), rows.reshape(shape));
}

// scatterNd(indices, updates, shape) — zeros(shape) with updates added at the indices (duplicates summed).
static Napi::Value ScatterNd(const Napi::CallbackInfo& info) {
  at::Tensor idx = T(info, 0), upd = T(info, 1);
  auto shape = Ints(info, 2);
  int64_t k = idx.size(-1);
  at::Tensor lin = LinearIndex(info, "ScatterNd", idx.reshape({-1, k}), shape);
  int64_t rest = Prod(shape, size_t(k), shape.size());
  at::Tensor out = at::zeros({Prod(shape, 0, size_t(k)), rest}, upd.options());
  out.index_add_(0, lin, upd.reshape({lin.size(0), rest}));
  return Wrap(info.Env(), out.reshape(shape));
}

// oneHot(indices, depth, onValue, offValue, dtype) — indices out of [0, depth) give a row of offValue.
static Napi::Value OneHot(const Napi::CallbackInfo& info) {
  at::Tensor idx = T(info, 0);
  int64_t depth = Int(info, 1);
  at::TensorOptions o = Opts(int(Int(info, 4)));
  at::Tensor hit = idx.unsqueeze(-1).eq(at::arange(depth, idx.options().dtype(at::kLong)));
  return Wrap(info.Env(), at::where(hit, at::scalar_tensor(Num(info, 2), o), at::scalar_tensor(Num(info, 3), o)));
}

// einsum(equation, [x…]) — libtorch's einsum (implicit output, repeated letters, any operand count).
static Napi::Value Einsum(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::einsum(Str(info, 0), Tensors(info, 1))); }

// topk(x, k, sorted) — [values, indices] along the last axis; ties keep the lower index first (a stable sort, as tfjs).
static Napi::Value TopK(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0);
  int64_t k = Int(info, 1);
  auto sorted = at::sort(x, /*stable=*/true, /*dim=*/-1, /*descending=*/true);
  Napi::Array r = Napi::Array::New(info.Env(), 2);
  r.Set(uint32_t(0), Wrap(info.Env(), std::get<0>(sorted).narrow(-1, 0, k)));
  r.Set(uint32_t(1), Wrap(info.Env(), std::get<1>(sorted).narrow(-1, 0, k)));
  return r;
}

void InitIndex(Napi::Env env, Napi::Object exports) {
  Export<GatherNd>(env, exports, "gatherNd");
  Export<ScatterNd>(env, exports, "scatterNd");
  Export<OneHot>(env, exports, "oneHot");
  Export<Einsum>(env, exports, "einsum");
  Export<TopK>(env, exports, "topk");
}

}  // namespace wl

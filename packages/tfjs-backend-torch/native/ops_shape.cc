// Shape and indexing ops: reshape, transpose, concat, slice, strided slice, pad, tile, gather, segment sum.
// Results may be views of their input (libtorch keeps the storage alive); nothing here writes in place
// into a tensor that JS can see.
#include "common.h"

namespace wl {

// reshape(x, shape)
static Napi::Value Reshape(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).reshape(Ints(info, 1))); }

// transpose(x, perm)
static Napi::Value Transpose(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).permute(Ints(info, 1))); }

// concat([x…], axis, outDtype)
static Napi::Value Concat(const Napi::CallbackInfo& info) {
  auto xs = Tensors(info, 0);
  if (xs.empty()) throw Napi::Error::New(info.Env(), "concat of no tensors");
  return Wrap(info.Env(), AsDtype(at::cat(xs, Int(info, 1)), int(Int(info, 2))));
}

// slice(x, begin, size) — size -1 means "to the end".
static Napi::Value Slice(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0);
  auto begin = Ints(info, 1), size = Ints(info, 2);
  if (int64_t(begin.size()) != x.dim() || int64_t(size.size()) != x.dim()) throw Napi::Error::New(info.Env(), "slice: begin/size rank mismatch");
  for (int64_t d = 0; d < x.dim(); d++) {
    int64_t n = size[d] < 0 ? x.size(d) - begin[d] : size[d];
    if (begin[d] != 0 || n != x.size(d)) x = x.narrow(d, begin[d], n);
  }
  return Wrap(info.Env(), x);
}

// strided(x, begin, counts, strides) — element i of dim d is x[begin[d] + i * strides[d]] (strides may be negative).
static Napi::Value Strided(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0);
  auto begin = Ints(info, 1), counts = Ints(info, 2), strides = Ints(info, 3);
  if (int64_t(begin.size()) != x.dim() || counts.size() != begin.size() || strides.size() != begin.size()) {
    throw Napi::Error::New(info.Env(), "strided slice: begin/counts/strides rank mismatch");
  }
  for (int64_t d = 0; d < x.dim(); d++) {
    int64_t b = begin[d], n = counts[d], s = strides[d];
    if (n == 0) { x = x.narrow(d, 0, 0); continue; }
    if (s < 0) {  // walk the flipped axis forwards
      x = x.flip({d});
      b = x.size(d) - 1 - b;
      s = -s;
    }
    if (b == 0 && s == 1 && n == x.size(d)) continue;
    x = x.slice(d, b, b + (n - 1) * s + 1, s);
  }
  return Wrap(info.Env(), x);
}

// pad(x, paddings [before0, after0, before1, …], value)
static Napi::Value Pad(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0);
  auto p = Ints(info, 1);
  if (int64_t(p.size()) != 2 * x.dim()) throw Napi::Error::New(info.Env(), "pad: paddings must have 2 entries per dimension");
  std::vector<int64_t> rev;  // torch wants the last dimension first
  for (int64_t d = x.dim() - 1; d >= 0; d--) { rev.push_back(p[2 * d]); rev.push_back(p[2 * d + 1]); }
  return Wrap(info.Env(), at::constant_pad_nd(x, rev, Num(info, 2)));
}

// tile(x, reps)
static Napi::Value Tile(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).repeat(Ints(info, 1))); }

// reverse(x, dims)
static Napi::Value Reverse(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).flip(Ints(info, 1))); }

// gather(x, indices, axis, batchDims) — tfjs GatherV2: out = x.shape[:axis] + indices.shape[batchDims:] + x.shape[axis+1:];
// the first batchDims dimensions of x and indices pair up. An out-of-range index is named with its flat position.
static Napi::Value Gather(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0), idx = T(info, 1);
  int64_t axis = Int(info, 2), bd = info.Length() > 3 ? Int(info, 3) : 0;
  int64_t dim = x.size(axis);
  auto flat = idx.reshape({-1}).to(at::kLong);
  auto bad = at::logical_or(flat.lt(0), flat.ge(dim));
  if (flat.numel() > 0 && bad.any().item<bool>()) {
    int64_t pos = bad.nonzero().select(1, 0)[0].item<int64_t>();
    throw Napi::RangeError::New(info.Env(), "GatherV2: index " + std::to_string(flat[pos].item<int64_t>()) + " at position " + std::to_string(pos) + " is not in [0, " + std::to_string(dim - 1) + "]");
  }
  std::vector<int64_t> shape(x.sizes().begin(), x.sizes().begin() + axis);
  for (int64_t d = bd; d < idx.dim(); d++) shape.push_back(idx.size(d));
  for (int64_t d = axis + 1; d < x.dim(); d++) shape.push_back(x.size(d));
  if (bd == 0) return Wrap(info.Env(), at::index_select(x, axis, flat).reshape(shape));
  int64_t batch = 1, outer = 1, inner = 1;
  for (int64_t d = 0; d < bd; d++) batch *= x.size(d);
  for (int64_t d = bd; d < axis; d++) outer *= x.size(d);
  for (int64_t d = axis + 1; d < x.dim(); d++) inner *= x.size(d);
  int64_t n = flat.numel() / std::max<int64_t>(batch, 1);
  at::Tensor x4 = x.reshape({batch, outer, dim, inner});
  at::Tensor i4 = flat.reshape({batch, 1, n, 1}).expand({batch, outer, n, inner});
  return Wrap(info.Env(), at::gather(x4, 2, i4).reshape(shape));
}

// unsortedSegmentSum(x, segmentIds (any rank, a prefix of x's shape), numSegments) — ids out of range are dropped.
static Napi::Value UnsortedSegmentSum(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0), ids0 = T(info, 1);
  at::Tensor ids = ids0.reshape({-1}).to(at::kLong);
  int64_t n = Int(info, 2), k = ids.numel(), rest = 1;
  for (int64_t d = ids0.dim(); d < x.dim(); d++) rest *= x.size(d);
  std::vector<int64_t> shape{n};
  for (int64_t d = ids0.dim(); d < x.dim(); d++) shape.push_back(x.size(d));
  at::Tensor xs = x.reshape({k, rest});
  auto ok = at::logical_and(ids.ge(0), ids.lt(n));
  if (k > 0 && !ok.all().item<bool>()) { xs = xs.index({ok}); ids = ids.index({ok}); }
  at::Tensor out = at::zeros({n, rest}, x.options());
  out.index_add_(0, ids, xs);
  return Wrap(info.Env(), out.reshape(shape));
}

// clone(x) — a materialised copy (for kernels whose output must not alias).
static Napi::Value Clone(const Napi::CallbackInfo& info) { return Wrap(info.Env(), T(info, 0).clone()); }

void InitShape(Napi::Env env, Napi::Object exports) {
  Export<Reshape>(env, exports, "reshape");
  Export<Transpose>(env, exports, "transpose");
  Export<Concat>(env, exports, "concat");
  Export<Slice>(env, exports, "slice");
  Export<Strided>(env, exports, "strided");
  Export<Pad>(env, exports, "pad");
  Export<Tile>(env, exports, "tile");
  Export<Reverse>(env, exports, "reverse");
  Export<Gather>(env, exports, "gather");
  Export<UnsortedSegmentSum>(env, exports, "unsortedSegmentSum");
  Export<Clone>(env, exports, "clone");
}

}  // namespace wl

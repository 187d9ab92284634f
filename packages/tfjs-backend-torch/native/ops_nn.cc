// Matrix products and convolutions (2-D/3-D, depthwise) with their backprop kernels.
// tfjs is channels-last with filters [...k, in, out]; libtorch is channels-first with [out, in, ...k].
#include "common.h"

namespace wl {

static at::Tensor Activate(at::Tensor r, const std::string& act, const at::Tensor* prelu, double leaky) {
  if (act == "linear" || act.empty()) return r;
  if (act == "relu") return at::relu(r);
  if (act == "relu6") return at::clamp(r, 0, 6);
  if (act == "elu") return at::elu(r);
  if (act == "sigmoid") return at::sigmoid(r);
  if (act == "leakyrelu") return at::where(r.lt(0), r * leaky, r);
  if (act == "prelu" && prelu) return at::where(r.lt(0), r * *prelu, r);
  throw std::runtime_error("unsupported fused activation '" + act + "'");
}

static at::Tensor Mm(at::Tensor a, at::Tensor b, bool ta, bool tb) {
  if (ta) a = a.transpose(-1, -2);
  if (tb) b = b.transpose(-1, -2);
  return at::matmul(a, b);
}

// matmul(a, b, transposeA, transposeB) — batch dimensions broadcast.
static Napi::Value MatMul(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), Mm(T(info, 0), T(info, 1), Bool(info, 2), Bool(info, 3)));
}

// fusedMatMul(a, b, transposeA, transposeB, bias|null, activation, preluWeights|null, leakyAlpha)
static Napi::Value FusedMatMul(const Napi::CallbackInfo& info) {
  at::Tensor r = Mm(T(info, 0), T(info, 1), Bool(info, 2), Bool(info, 3));
  if (info[4].IsExternal()) r = r.add_(T(info, 4));
  const at::Tensor* prelu = info[6].IsExternal() ? &T(info, 6) : nullptr;
  return Wrap(info.Env(), Activate(r, Str(info, 5), prelu, info[7].IsNumber() ? Num(info, 7) : 0.2));
}

/** Convolution geometry passed from TypeScript (computed by tfjs' backend_util). */
struct Geo {
  int64_t nsp;
  std::vector<int64_t> strides, padBefore, padAfter, dilations;
  int64_t groups;
  bool channelsLast, depthwise;
  bool symmetric() const { return padBefore == padAfter; }
};

// Geometry arguments start at index i: nsp, strides, padBefore, padAfter, dilations, groups, channelsLast, depthwise.
static Geo ReadGeo(const Napi::CallbackInfo& info, size_t i) {
  Geo g{Int(info, i), Ints(info, i + 1), Ints(info, i + 2), Ints(info, i + 3), Ints(info, i + 4), Int(info, i + 5), Bool(info, i + 6), Bool(info, i + 7)};
  if (int64_t(g.strides.size()) != g.nsp || int64_t(g.padBefore.size()) != g.nsp || int64_t(g.padAfter.size()) != g.nsp || int64_t(g.dilations.size()) != g.nsp) {
    throw std::runtime_error("conv geometry: strides/pads/dilations need one entry per spatial dimension");
  }
  return g;
}

static at::Tensor ToFirst(const at::Tensor& x, const Geo& g) {  // [N, ...sp, C] -> [N, C, ...sp]
  if (!g.channelsLast) return x;
  std::vector<int64_t> p{0, g.nsp + 1};
  for (int64_t d = 1; d <= g.nsp; d++) p.push_back(d);
  return x.permute(p);
}
static at::Tensor ToLast(const at::Tensor& x, const Geo& g) {  // [N, C, ...sp] -> [N, ...sp, C]
  if (!g.channelsLast) return x;
  std::vector<int64_t> p{0};
  for (int64_t d = 2; d < g.nsp + 2; d++) p.push_back(d);
  p.push_back(1);
  return x.permute(p);
}
static at::Tensor WeightToTorch(const at::Tensor& w, const Geo& g) {  // [...k, in, out] -> [out, in/groups, ...k]
  std::vector<int64_t> p;
  if (g.depthwise) {  // [...k, in, mult] -> [in*mult, 1, ...k]
    p = {g.nsp, g.nsp + 1};
    for (int64_t d = 0; d < g.nsp; d++) p.push_back(d);
    auto t = w.permute(p);
    std::vector<int64_t> s{w.size(g.nsp) * w.size(g.nsp + 1), 1};
    for (int64_t d = 0; d < g.nsp; d++) s.push_back(w.size(d));
    return t.reshape(s);
  }
  p = {g.nsp + 1, g.nsp};
  for (int64_t d = 0; d < g.nsp; d++) p.push_back(d);
  return w.permute(p);
}
static at::Tensor WeightFromTorch(const at::Tensor& w, const std::vector<int64_t>& tfShape, const Geo& g) {
  std::vector<int64_t> p;
  if (g.depthwise) {  // [in*mult, 1, ...k] -> [in, mult, ...k] -> [...k, in, mult]
    std::vector<int64_t> s{tfShape[g.nsp], tfShape[g.nsp + 1]};
    for (int64_t d = 0; d < g.nsp; d++) s.push_back(w.size(2 + d));
    for (int64_t d = 0; d < g.nsp; d++) p.push_back(2 + d);
    p.push_back(0); p.push_back(1);
    return w.reshape(s).permute(p).contiguous();
  }
  for (int64_t d = 0; d < g.nsp; d++) p.push_back(2 + d);
  p.push_back(1); p.push_back(0);
  return w.permute(p).contiguous();
}
static at::Tensor PadExplicit(const at::Tensor& x, const Geo& g) {  // x channels-first
  std::vector<int64_t> rev;
  for (int64_t d = g.nsp - 1; d >= 0; d--) { rev.push_back(g.padBefore[d]); rev.push_back(g.padAfter[d]); }
  return at::constant_pad_nd(x, rev, 0);
}

// conv(x, w, ...geometry)
static Napi::Value Conv(const Napi::CallbackInfo& info) {
  Geo g = ReadGeo(info, 2);
  at::Tensor x = ToFirst(T(info, 0), g), w = WeightToTorch(T(info, 1), g);
  std::vector<int64_t> pad = g.padBefore, zeros(g.nsp, 0);
  if (!g.symmetric()) { x = PadExplicit(x, g); pad = zeros; }
  at::Tensor y = at::convolution(x, w, c10::nullopt, g.strides, pad, g.dilations, false, zeros, g.groups);
  return Wrap(info.Env(), ToLast(y, g));
}

// convBackpropInput(dy, w, inputShape (tfjs layout), ...geometry)
static Napi::Value ConvBackpropInput(const Napi::CallbackInfo& info) {
  Geo g = ReadGeo(info, 3);
  at::Tensor dy = ToFirst(T(info, 0), g), w = WeightToTorch(T(info, 1), g);
  auto in = Ints(info, 2);
  std::vector<int64_t> shape{in[0], g.channelsLast ? in[g.nsp + 1] : in[1]}, zeros(g.nsp, 0);
  for (int64_t d = 0; d < g.nsp; d++) shape.push_back((g.channelsLast ? in[1 + d] : in[2 + d]) + (g.symmetric() ? 0 : g.padBefore[d] + g.padAfter[d]));
  std::vector<int64_t> pad = g.symmetric() ? g.padBefore : zeros;
  at::Tensor shapeOnly = at::empty(shape, dy.options());
  auto grads = at::convolution_backward(dy.contiguous(), shapeOnly, w, c10::nullopt, g.strides, pad, g.dilations, false, zeros, g.groups, {true, false, false});
  at::Tensor dx = std::get<0>(grads);
  if (!g.symmetric()) {
    for (int64_t d = 0; d < g.nsp; d++) dx = dx.narrow(2 + d, g.padBefore[d], shape[2 + d] - g.padBefore[d] - g.padAfter[d]);
  }
  return Wrap(info.Env(), ToLast(dx, g));
}

// convBackpropFilter(x, dy, filterShape (tfjs layout), ...geometry)
static Napi::Value ConvBackpropFilter(const Napi::CallbackInfo& info) {
  Geo g = ReadGeo(info, 3);
  at::Tensor x = ToFirst(T(info, 0), g), dy = ToFirst(T(info, 1), g);
  auto fs = Ints(info, 2);
  std::vector<int64_t> wshape, zeros(g.nsp, 0);
  if (g.depthwise) wshape = {fs[g.nsp] * fs[g.nsp + 1], 1};
  else wshape = {fs[g.nsp + 1], fs[g.nsp]};
  for (int64_t d = 0; d < g.nsp; d++) wshape.push_back(fs[d]);
  std::vector<int64_t> pad = g.padBefore;
  if (!g.symmetric()) { x = PadExplicit(x, g); pad = zeros; }
  at::Tensor shapeOnly = at::empty(wshape, x.options());
  auto grads = at::convolution_backward(dy.contiguous(), x.contiguous(), shapeOnly, c10::nullopt, g.strides, pad, g.dilations, false, zeros, g.groups, {false, true, false});
  return Wrap(info.Env(), WeightFromTorch(std::get<1>(grads), fs, g));
}

void InitNN(Napi::Env env, Napi::Object exports) {
  Export<MatMul>(env, exports, "matmul");
  Export<FusedMatMul>(env, exports, "fusedMatMul");
  Export<Conv>(env, exports, "conv");
  Export<ConvBackpropInput>(env, exports, "convBackpropInput");
  Export<ConvBackpropFilter>(env, exports, "convBackpropFilter");
}

}  // namespace wl

// Fused training kernels: one libtorch call forward and one backward for LayerNorm, GELU, Linear and
// the attention probabilities (scaled q·kᵀ + bias + mask, softmax), and an Adam/AdamW step over many
// parameters in one call (PyTorch's foreach Adam), in the arithmetic order of the engine's Adam.
#include "common.h"

namespace wl {

static at::Tensor* OptT(const Napi::CallbackInfo& info, size_t i) { return info[i].IsExternal() ? &T(info, i) : nullptr; }

static std::vector<double> Doubles(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || !info[i].IsArray()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be an array of numbers");
  auto a = info[i].As<Napi::Array>();
  std::vector<double> out(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++) out[k] = a.Get(k).As<Napi::Number>().DoubleValue();
  return out;
}

static Napi::Value List(Napi::Env env, std::initializer_list<at::Tensor> ts) {
  Napi::Array r = Napi::Array::New(env, ts.size());
  uint32_t k = 0;
  for (const auto& t : ts) r.Set(k++, Wrap(env, t));
  return r;
}

// layerNorm(x, gamma, beta, eps) over the last axis — at::native_layer_norm.
static Napi::Value LayerNorm(const Napi::CallbackInfo& info) {
  at::Tensor& x = T(info, 0);
  return Wrap(info.Env(), std::get<0>(at::native_layer_norm(x, {x.size(-1)}, T(info, 1), T(info, 2), Num(info, 3))));
}

// layerNormGrad(dy, x, gamma, beta, eps) -> [dx, dgamma, dbeta]; mean and 1/σ are recomputed from x
// (one pass) instead of being kept alive from the forward.
static Napi::Value LayerNormGrad(const Napi::CallbackInfo& info) {
  at::Tensor& x = T(info, 1);
  auto vm = at::var_mean(x, {-1}, /*unbiased=*/false, /*keepdim=*/true);
  at::Tensor rstd = at::rsqrt(std::get<0>(vm).add_(Num(info, 4)));
  auto g = at::native_layer_norm_backward(T(info, 0).contiguous(), x.contiguous(), {x.size(-1)}, std::get<1>(vm), rstd, T(info, 2), T(info, 3), {true, true, true});
  return List(info.Env(), {std::get<0>(g), std::get<1>(g), std::get<2>(g)});
}

// gelu(x) (erf) and geluGrad(dy, x).
static Napi::Value Gelu(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::gelu(T(info, 0))); }
static Napi::Value GeluGrad(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::gelu_backward(T(info, 0), T(info, 1))); }

// linear(x, weight [out, in], bias|null) = x·Wᵀ + b — addmm on 2-D input.
static Napi::Value Linear(const Napi::CallbackInfo& info) {
  at::Tensor* b = OptT(info, 2);
  return Wrap(info.Env(), at::linear(T(info, 0), T(info, 1), b ? c10::optional<at::Tensor>(*b) : c10::nullopt));
}

// attnProbs(q, k, bias|null, mask|null, scale, scaleQ) = softmax(scale·q·kᵀ + bias + mask) over the
// last axis; scaleQ scales q before the product (Pangu's order), else the product (ViT's order).
static Napi::Value AttnProbs(const Napi::CallbackInfo& info) {
  double scale = Num(info, 4);
  at::Tensor s = Bool(info, 5) ? at::matmul(at::mul(T(info, 0), scale), T(info, 1).transpose(-1, -2))
                               : at::matmul(T(info, 0), T(info, 1).transpose(-1, -2)).mul_(scale);
  if (at::Tensor* b = OptT(info, 2)) s = s.dim() >= b->dim() ? s.add_(*b) : s.add(*b);
  if (at::Tensor* m = OptT(info, 3)) s = s.dim() >= m->dim() ? s.add_(*m) : s.add(*m);
  return Wrap(info.Env(), at::_softmax(s, -1, false));
}

// attnProbsGrad(dProbs, probs, q, k, scale) -> [dq, dk, dScores] (dScores is the bias/mask gradient).
static Napi::Value AttnProbsGrad(const Napi::CallbackInfo& info) {
  at::Tensor ds = at::_softmax_backward_data(T(info, 0), T(info, 1), -1, at::kFloat);
  double scale = Num(info, 4);
  at::Tensor dq = at::matmul(ds, T(info, 3)).mul_(scale);
  at::Tensor dk = at::matmul(ds.transpose(-1, -2), T(info, 2)).mul_(scale);
  return List(info.Env(), {dq, dk, ds});
}

// adamStep(params, grads, expAvgs, expAvgSqs, scalars, decoupled) -> [p', m', v'] per parameter.
// scalars, 7 per parameter: decay flag (≠ 0: apply), decay (AdamW: 1 − lr·wd multiplies p; Adam: wd,
// adds wd·p to the gradient), b1, b2, √(1 − b2^step), eps, lr/(1 − b1^step). Each scalar enters as
// a float32 0-dim tensor, exactly as the engine's composite Adam sends them to the binary kernels.
static Napi::Value AdamStep(const Napi::CallbackInfo& info) {
  auto ps = Tensors(info, 0), gs = Tensors(info, 1), ms = Tensors(info, 2), vs = Tensors(info, 3);
  auto sc = Doubles(info, 4);
  bool decoupled = Bool(info, 5);
  const size_t K = 7;
  if (gs.size() != ps.size() || ms.size() != ps.size() || vs.size() != ps.size() || sc.size() != K * ps.size()) {
    throw std::runtime_error("adamStep: params, grads, moments and scalars (7 per parameter) must match in number");
  }
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env, ps.size());
  for (size_t i = 0; i < ps.size(); i++) {
    auto S = [&](double x) { return at::scalar_tensor(x, at::TensorOptions().dtype(at::kFloat).device(ps[i].device())); };
    const double* c = &sc[K * i];
    at::Tensor p = ps[i], g = gs[i];
    if (c[0] != 0) {
      if (decoupled) p = at::mul(p, S(c[1]));
      else g = at::add(g, at::mul(p, S(c[1])));
    }
    at::Tensor m = at::add(at::mul(ms[i], S(c[2])), at::mul(g, S(1 - c[2])));
    at::Tensor v = at::add(at::mul(vs[i], S(c[3])), at::mul(at::mul(g, g), S(1 - c[3])));
    at::Tensor denom = at::add(at::div(at::sqrt(v), S(c[4])), S(c[5]));
    p = at::sub(p, at::mul(at::div(m, denom), S(c[6])));
    out.Set(uint32_t(i), List(env, {p, m, v}));
  }
  return out;
}

void InitFused(Napi::Env env, Napi::Object exports) {
  Export<LayerNorm>(env, exports, "layerNorm");
  Export<LayerNormGrad>(env, exports, "layerNormGrad");
  Export<Gelu>(env, exports, "gelu");
  Export<GeluGrad>(env, exports, "geluGrad");
  Export<Linear>(env, exports, "linear");
  Export<AttnProbs>(env, exports, "attnProbs");
  Export<AttnProbsGrad>(env, exports, "attnProbsGrad");
  Export<AdamStep>(env, exports, "adamStep");
}

}  // namespace wl

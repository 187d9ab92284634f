// Elementwise math, reductions, casts, fills, select and softmax.
#include "common.h"
#include <functional>
#include <utility>

namespace wl {

using Unary = std::pair<const char*, std::function<at::Tensor(const at::Tensor&)>>;
using Binary = std::pair<const char*, std::function<at::Tensor(const at::Tensor&, const at::Tensor&)>>;

static at::Tensor Flt(const at::Tensor& x) { return x.is_floating_point() ? x : x.to(at::kFloat); }

// The names are exported as `unaryOps`; TypeScript looks codes up by name, so order is free.
static const std::vector<Unary> kUnary = {
  {"Neg", [](const at::Tensor& x) { return x.scalar_type() == at::kBool ? at::logical_not(x) : at::neg(x); }},
  {"Exp", [](const at::Tensor& x) { return at::exp(Flt(x)); }},
  {"Log", [](const at::Tensor& x) { return at::log(Flt(x)); }},
  {"Sqrt", [](const at::Tensor& x) { return at::sqrt(Flt(x)); }},
  {"Rsqrt", [](const at::Tensor& x) { return at::rsqrt(Flt(x)); }},
  {"Square", [](const at::Tensor& x) { return at::mul(x, x); }},
  {"Abs", [](const at::Tensor& x) { return at::abs(x); }},
  {"Tanh", [](const at::Tensor& x) { return at::tanh(Flt(x)); }},
  {"Erf", [](const at::Tensor& x) { return at::erf(Flt(x)); }},
  {"Sigmoid", [](const at::Tensor& x) { return at::sigmoid(Flt(x)); }},
  {"Relu", [](const at::Tensor& x) { return at::relu(x); }},
  {"Relu6", [](const at::Tensor& x) { return at::clamp(x, 0, 6); }},
  {"Elu", [](const at::Tensor& x) { return at::elu(Flt(x)); }},
  {"Selu", [](const at::Tensor& x) { return at::selu(Flt(x)); }},
  {"Softplus", [](const at::Tensor& x) { return at::softplus(Flt(x)); }},
  {"Sin", [](const at::Tensor& x) { return at::sin(Flt(x)); }},
  {"Cos", [](const at::Tensor& x) { return at::cos(Flt(x)); }},
  {"Tan", [](const at::Tensor& x) { return at::tan(Flt(x)); }},
  {"Asin", [](const at::Tensor& x) { return at::asin(Flt(x)); }},
  {"Acos", [](const at::Tensor& x) { return at::acos(Flt(x)); }},
  {"Atan", [](const at::Tensor& x) { return at::atan(Flt(x)); }},
  {"Sinh", [](const at::Tensor& x) { return at::sinh(Flt(x)); }},
  {"Cosh", [](const at::Tensor& x) { return at::cosh(Flt(x)); }},
  {"Asinh", [](const at::Tensor& x) { return at::asinh(Flt(x)); }},
  {"Acosh", [](const at::Tensor& x) { return at::acosh(Flt(x)); }},
  {"Atanh", [](const at::Tensor& x) { return at::atanh(Flt(x)); }},
  {"Floor", [](const at::Tensor& x) { return x.is_floating_point() ? at::floor(x) : x.clone(); }},
  {"Ceil", [](const at::Tensor& x) { return x.is_floating_point() ? at::ceil(x) : x.clone(); }},
  {"Round", [](const at::Tensor& x) { return x.is_floating_point() ? at::round(x) : x.clone(); }},
  {"Sign", [](const at::Tensor& x) { return at::sign(x); }},
  {"Log1p", [](const at::Tensor& x) { return at::log1p(Flt(x)); }},
  {"Expm1", [](const at::Tensor& x) { return at::expm1(Flt(x)); }},
  {"Reciprocal", [](const at::Tensor& x) { return at::reciprocal(Flt(x)); }},
  {"LogicalNot", [](const at::Tensor& x) { return at::logical_not(x); }},
  {"IsNan", [](const at::Tensor& x) { return at::isnan(x); }},
  {"IsInf", [](const at::Tensor& x) { return at::isinf(x); }},
  {"IsFinite", [](const at::Tensor& x) { return at::isfinite(x); }},
};

static const std::vector<Binary> kBinary = {
  {"Add", [](const at::Tensor& a, const at::Tensor& b) { return at::add(a, b); }},
  {"Sub", [](const at::Tensor& a, const at::Tensor& b) { return at::sub(a, b); }},
  {"Multiply", [](const at::Tensor& a, const at::Tensor& b) { return at::mul(a, b); }},
  {"RealDiv", [](const at::Tensor& a, const at::Tensor& b) { return at::div(a, b); }},
  {"FloorDiv", [](const at::Tensor& a, const at::Tensor& b) { return at::div(a, b, "floor"); }},
  {"Mod", [](const at::Tensor& a, const at::Tensor& b) { return at::remainder(a, b); }},
  {"Maximum", [](const at::Tensor& a, const at::Tensor& b) { return at::maximum(a, b); }},
  {"Minimum", [](const at::Tensor& a, const at::Tensor& b) { return at::minimum(a, b); }},
  {"Pow", [](const at::Tensor& a, const at::Tensor& b) { return at::pow(a, b); }},
  {"SquaredDifference", [](const at::Tensor& a, const at::Tensor& b) { auto d = at::sub(a, b); return d.mul_(d); }},
  {"Atan2", [](const at::Tensor& a, const at::Tensor& b) { return at::atan2(Flt(a), Flt(b)); }},
  {"Equal", [](const at::Tensor& a, const at::Tensor& b) { return at::eq(a, b); }},
  {"NotEqual", [](const at::Tensor& a, const at::Tensor& b) { return at::ne(a, b); }},
  {"Less", [](const at::Tensor& a, const at::Tensor& b) { return at::lt(a, b); }},
  {"LessEqual", [](const at::Tensor& a, const at::Tensor& b) { return at::le(a, b); }},
  {"Greater", [](const at::Tensor& a, const at::Tensor& b) { return at::gt(a, b); }},
  {"GreaterEqual", [](const at::Tensor& a, const at::Tensor& b) { return at::ge(a, b); }},
  {"LogicalAnd", [](const at::Tensor& a, const at::Tensor& b) { return at::logical_and(a, b); }},
  {"LogicalOr", [](const at::Tensor& a, const at::Tensor& b) { return at::logical_or(a, b); }},
  {"LogicalXor", [](const at::Tensor& a, const at::Tensor& b) { return at::logical_xor(a, b); }},
  {"Prelu", [](const at::Tensor& x, const at::Tensor& alpha) { return at::where(x.lt(0), x * alpha, x); }},
};

template <typename V>
static Napi::Array Names(Napi::Env env, const V& table) {
  auto a = Napi::Array::New(env, table.size());
  for (size_t i = 0; i < table.size(); i++) a.Set(uint32_t(i), table[i].first);
  return a;
}

template <typename V>
static const typename V::value_type& Lookup(const Napi::CallbackInfo& info, const V& table) {
  int64_t op = Int(info, 0);
  if (op < 0 || size_t(op) >= table.size()) throw Napi::RangeError::New(info.Env(), "unknown op code " + std::to_string(op));
  return table[size_t(op)];
}

// unary(op, x, outDtype)
static Napi::Value UnaryOp(const Napi::CallbackInfo& info) {
  auto& f = Lookup(info, kUnary).second;
  return Wrap(info.Env(), AsDtype(f(T(info, 1)), int(Int(info, 2))));
}

// binary(op, a, b, outDtype)
static Napi::Value BinaryOp(const Napi::CallbackInfo& info) {
  auto& f = Lookup(info, kBinary).second;
  return Wrap(info.Env(), AsDtype(f(T(info, 1), T(info, 2)), int(Int(info, 3))));
}

static const std::vector<const char*> kReduce = {"Sum", "Mean", "Max", "Min", "Prod", "Any", "All", "ArgMax", "ArgMin"};

// reduce(op, x, axes, keepDims, outDtype); ArgMax/ArgMin take one axis.
static Napi::Value ReduceOp(const Napi::CallbackInfo& info) {
  int64_t op = Int(info, 0);
  at::Tensor x = T(info, 1);
  auto axes = Ints(info, 2);
  bool keep = Bool(info, 3);
  int out = int(Int(info, 4));
  std::string name = (op >= 0 && size_t(op) < kReduce.size()) ? kReduce[size_t(op)] : "";
  at::Tensor r;
  if (name == "ArgMax" || name == "ArgMin") {
    if (axes.size() != 1) throw Napi::Error::New(info.Env(), name + " needs exactly one axis");
    r = name == "ArgMax" ? at::argmax(x, axes[0], keep) : at::argmin(x, axes[0], keep);
  } else if (axes.empty()) {
    r = x.clone();
  } else if (name == "Sum") {
    r = at::sum(x, axes, keep);
  } else if (name == "Mean") {
    r = at::mean(Flt(x), axes, keep);
  } else if (name == "Max") {
    r = at::amax(x, axes, keep);
  } else if (name == "Min") {
    r = at::amin(x, axes, keep);
  } else if (name == "Prod" || name == "Any" || name == "All") {
    std::sort(axes.begin(), axes.end());  // one axis at a time, highest first, so indices stay valid
    r = x;
    for (auto it = axes.rbegin(); it != axes.rend(); ++it) {
      r = name == "Prod" ? at::prod(r, *it, keep) : name == "Any" ? at::any(r, *it, keep) : at::all(r, *it, keep);
    }
  } else {
    throw Napi::RangeError::New(info.Env(), "unknown reduce op code " + std::to_string(op));
  }
  return Wrap(info.Env(), AsDtype(r, out));
}

// cast(x, dtype)
static Napi::Value Cast(const Napi::CallbackInfo& info) {
  at::Tensor x = T(info, 0);
  int code = int(Int(info, 1));
  return Wrap(info.Env(), x.scalar_type() == ToScalar(code) ? x.clone() : x.to(ToScalar(code)));
}

// fill(shape, value, dtype)
static Napi::Value Fill(const Napi::CallbackInfo& info) {
  return Wrap(info.Env(), at::full(Ints(info, 0), Num(info, 1), Opts(int(Int(info, 2)))));
}

// select(cond, a, b, outDtype) — a condition of rank 1 picks whole rows of a and b.
static Napi::Value Select(const Napi::CallbackInfo& info) {
  at::Tensor c = T(info, 0), a = T(info, 1), b = T(info, 2);
  if (c.dim() == 1 && a.dim() > 1) {
    std::vector<int64_t> s(a.dim(), 1);
    s[0] = c.size(0);
    c = c.reshape(s);
  }
  return Wrap(info.Env(), AsDtype(at::where(c.to(at::kBool), a, b), int(Int(info, 3))));
}

// softmax(x, dim) / logSoftmax(x, dim)
static Napi::Value Softmax(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::softmax(Flt(T(info, 0)), Int(info, 1))); }
static Napi::Value LogSoftmax(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::log_softmax(Flt(T(info, 0)), Int(info, 1))); }

// clip(x, min, max), leakyRelu(x, alpha)
static Napi::Value Clip(const Napi::CallbackInfo& info) { return Wrap(info.Env(), at::clamp(T(info, 0), Num(info, 1), Num(info, 2))); }
static Napi::Value LeakyRelu(const Napi::CallbackInfo& info) {
  at::Tensor x = Flt(T(info, 0));
  return Wrap(info.Env(), at::where(x.lt(0), x * Num(info, 1), x));
}

// step(x, alpha, outDtype) — 1 where x > 0, alpha elsewhere, NaN stays NaN (tfjs Step).
static Napi::Value StepOp(const Napi::CallbackInfo& info) {
  at::Tensor x = Flt(T(info, 0));
  at::Tensor r = at::where(x.gt(0), at::ones_like(x), at::full_like(x, Num(info, 1)));
  return Wrap(info.Env(), AsDtype(at::where(at::isnan(x), x, r), int(Int(info, 2))));
}

void InitMath(Napi::Env env, Napi::Object exports) {
  exports.Set("unaryOps", Names(env, kUnary));
  exports.Set("binaryOps", Names(env, kBinary));
  auto r = Napi::Array::New(env, kReduce.size());
  for (size_t i = 0; i < kReduce.size(); i++) r.Set(uint32_t(i), kReduce[i]);
  exports.Set("reduceOps", r);
  Export<UnaryOp>(env, exports, "unary");
  Export<BinaryOp>(env, exports, "binary");
  Export<ReduceOp>(env, exports, "reduce");
  Export<Cast>(env, exports, "cast");
  Export<Fill>(env, exports, "fill");
  Export<Select>(env, exports, "select");
  Export<Softmax>(env, exports, "softmax");
  Export<LogSoftmax>(env, exports, "logSoftmax");
  Export<Clip>(env, exports, "clip");
  Export<LeakyRelu>(env, exports, "leakyRelu");
  Export<StepOp>(env, exports, "step");
}

}  // namespace wl

// Elementwise ops, in-place updates, reductions and shape ops.
#include "shim.h"

using namespace wf;

extern "C" {

int wf_binary(int op, wf_tensor a, wf_tensor b, wf_tensor* out) {
  WF_TRY
  auto& x = T(a);
  auto& y = T(b);
  switch (op) {
    case 0: Out(out, x + y); break;
    case 1: Out(out, x - y); break;
    case 2: Out(out, x * y); break;
    case 3: Out(out, x / y); break;
    case 4: Out(out, x.pow(y)); break;
    case 5: Out(out, at::maximum(x, y)); break;
    case 6: Out(out, at::minimum(x, y)); break;
    case 7: Out(out, x.gt(y)); break;
    case 8: Out(out, x.lt(y)); break;
    case 9: Out(out, x.eq(y)); break;
    case 10: Out(out, x.ge(y)); break;
    case 11: Out(out, x.le(y)); break;
    case 12: Out(out, x.ne(y)); break;
    default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
  }
  WF_CATCH
}

int wf_scalar_op(int op, wf_tensor a, double s, wf_tensor* out) {
  WF_TRY
  auto& x = T(a);
  switch (op) {
    case 0: Out(out, x + s); break;
    case 1: Out(out, x - s); break;
    case 2: Out(out, x * s); break;
    case 3: Out(out, x / s); break;
    case 4: Out(out, x.pow(s)); break;
    case 5: Out(out, s - x); break;
    case 6: Out(out, s / x); break;
    case 7: Out(out, x.gt(s)); break;
    case 8: Out(out, x.lt(s)); break;
    case 9: Out(out, x.ge(s)); break;
    case 10: Out(out, x.le(s)); break;
    case 11: Out(out, x.eq(s)); break;
    case 12: Out(out, x.ne(s)); break;
    case 13: Out(out, at::pow(s, x)); break;
    default: throw std::invalid_argument("unknown scalar op " + std::to_string(op));
  }
  WF_CATCH
}

// 0 neg 1 exp 2 log 3 sqrt 4 abs 5 relu 6 tanh 7 sigmoid 8 square 9 sign 10 contiguous 11 flatten-from-1 12 logsigmoid 13 isfinite
// 14 reciprocal 15 rsqrt 16 log1p 17 expm1 18 floor 19 round 20 cos 21 sin 22 logical_not 23 ceil
int wf_unary(int op, wf_tensor a, wf_tensor* out) {
  WF_TRY
  auto& x = T(a);
  switch (op) {
    case 0: Out(out, -x); break;
    case 1: Out(out, x.exp()); break;
    case 2: Out(out, x.log()); break;
    case 3: Out(out, x.sqrt()); break;
    case 4: Out(out, x.abs()); break;
    case 5: Out(out, at::relu(x)); break;
    case 6: Out(out, x.tanh()); break;
    case 7: Out(out, x.sigmoid()); break;
    case 8: Out(out, x * x); break;
    case 9: Out(out, x.sign()); break;
    case 10: Out(out, x.contiguous()); break;
    case 11: Out(out, x.flatten(1)); break;
    case 12: Out(out, at::log_sigmoid(x)); break;
    case 13: Out(out, at::isfinite(x)); break;
    case 14: Out(out, x.reciprocal()); break;
    case 15: Out(out, x.rsqrt()); break;
    case 16: Out(out, x.log1p()); break;
    case 17: Out(out, x.expm1()); break;
    case 18: Out(out, x.floor()); break;
    case 19: Out(out, x.round()); break;
    case 20: Out(out, x.cos()); break;
    case 21: Out(out, x.sin()); break;
    case 22: Out(out, x.logical_not()); break;
    case 23: Out(out, x.ceil()); break;
    default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
  }
  WF_CATCH
}

int wf_leaky_relu(wf_tensor a, double slope, wf_tensor* out) { WF_TRY Out(out, at::leaky_relu(T(a), slope)); WF_CATCH }
int wf_elu(wf_tensor a, double alpha, wf_tensor* out) { WF_TRY Out(out, at::elu(T(a), alpha)); WF_CATCH }
int wf_softplus(wf_tensor a, double beta, double threshold, wf_tensor* out) { WF_TRY Out(out, at::softplus(T(a), beta, threshold)); WF_CATCH }
int wf_clamp(wf_tensor a, double min, double max, wf_tensor* out) { WF_TRY Out(out, at::clamp(T(a), min, max)); WF_CATCH }
int wf_where(wf_tensor c, wf_tensor a, wf_tensor b, wf_tensor* out) { WF_TRY Out(out, at::where(T(c), T(a), T(b))); WF_CATCH }

int wf_clamp_(wf_tensor a, double min, double max) { WF_TRY at::NoGradGuard ng; T(a).clamp_(min, max); WF_CATCH }
int wf_copy_(wf_tensor dst, wf_tensor src) { WF_TRY at::NoGradGuard ng; T(dst).copy_(T(src)); WF_CATCH }
int wf_fill_(wf_tensor a, double value) { WF_TRY at::NoGradGuard ng; T(a).fill_(value); WF_CATCH }
int wf_mul_scalar_(wf_tensor a, double s) { WF_TRY at::NoGradGuard ng; T(a).mul_(s); WF_CATCH }
int wf_add_(wf_tensor a, wf_tensor b, double alpha) { WF_TRY at::NoGradGuard ng; T(a).add_(T(b), alpha); WF_CATCH }
int wf_uniform_(wf_tensor a, double low, double high, wf_generator g) {
  WF_TRY at::NoGradGuard ng; T(a).uniform_(low, high, gen(g)); WF_CATCH
}
int wf_normal_(wf_tensor a, double mean, double std, wf_generator g) {
  WF_TRY at::NoGradGuard ng; T(a).normal_(mean, std, gen(g)); WF_CATCH
}

int wf_reduce(int op, wf_tensor a, const int64_t* d, int nd, int keepdim, wf_tensor* out) {
  WF_TRY
  auto& x = T(a);
  const bool all = nd == 0;
  switch (op) {
    case 0: Out(out, all ? x.sum() : x.sum(dims(d, nd), keepdim != 0)); break;
    case 1: Out(out, all ? x.mean() : x.mean(dims(d, nd), keepdim != 0)); break;
    case 2: Out(out, all ? x.max() : x.amax(dims(d, nd), keepdim != 0)); break;
    case 3: Out(out, all ? x.min() : x.amin(dims(d, nd), keepdim != 0)); break;
    default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
  }
  WF_CATCH
}

int wf_norm(wf_tensor a, double p, const int64_t* d, int nd, int keepdim, wf_tensor* out) {
  WF_TRY
  auto& x = T(a);
  Out(out, nd == 0 ? x.norm(p) : x.norm(p, dims(d, nd), keepdim != 0));
  WF_CATCH
}

int wf_var_std(int op, wf_tensor a, const int64_t* d, int nd, int unbiased, int keepdim, wf_tensor* out) {
  WF_TRY
  auto& x = T(a);
  std::vector<int64_t> all;
  if (nd == 0) for (int64_t i = 0; i < x.dim(); i++) all.push_back(i);
  at::IntArrayRef ds = nd == 0 ? at::IntArrayRef(all) : dims(d, nd);
  if (op == 0) Out(out, x.var(ds, unbiased != 0, keepdim != 0));
  else if (op == 1) Out(out, x.std(ds, unbiased != 0, keepdim != 0));
  else throw std::invalid_argument("unknown var/std op " + std::to_string(op));
  WF_CATCH
}

int wf_argmax(wf_tensor a, int64_t dim, int all, int keepdim, wf_tensor* out) {
  WF_TRY
  Out(out, all != 0 ? T(a).argmax() : T(a).argmax(dim, keepdim != 0));
  WF_CATCH
}

int wf_all_finite(wf_tensor a, int* out) { WF_TRY *out = at::isfinite(T(a)).all().item<bool>() ? 1 : 0; WF_CATCH }

int wf_reshape(wf_tensor a, const int64_t* s, int n, wf_tensor* out) { WF_TRY Out(out, T(a).reshape(dims(s, n))); WF_CATCH }
int wf_permute(wf_tensor a, const int64_t* d, int n, wf_tensor* out) { WF_TRY Out(out, T(a).permute(dims(d, n))); WF_CATCH }
int wf_transpose(wf_tensor a, int64_t d0, int64_t d1, wf_tensor* out) { WF_TRY Out(out, T(a).transpose(d0, d1)); WF_CATCH }
int wf_narrow(wf_tensor a, int64_t dim, int64_t start, int64_t len, wf_tensor* out) { WF_TRY Out(out, T(a).narrow(dim, start, len)); WF_CATCH }
int wf_index_select(wf_tensor a, int64_t dim, wf_tensor idx, wf_tensor* out) { WF_TRY Out(out, T(a).index_select(dim, T(idx))); WF_CATCH }
int wf_cat(const wf_tensor* ts, int n, int64_t dim, wf_tensor* out) { WF_TRY Out(out, at::cat(tensors(ts, n), dim)); WF_CATCH }
int wf_flip(wf_tensor a, const int64_t* d, int n, wf_tensor* out) { WF_TRY Out(out, T(a).flip(dims(d, n))); WF_CATCH }
int wf_expand(wf_tensor a, const int64_t* s, int n, wf_tensor* out) { WF_TRY Out(out, T(a).expand(dims(s, n))); WF_CATCH }

int wf_unsqueeze(wf_tensor a, int64_t dim, wf_tensor* out) { WF_TRY Out(out, T(a).unsqueeze(dim)); WF_CATCH }
int wf_squeeze(wf_tensor a, int64_t dim, int all, wf_tensor* out) { WF_TRY Out(out, all != 0 ? T(a).squeeze() : T(a).squeeze(dim)); WF_CATCH }
int wf_flatten(wf_tensor a, int64_t s, int64_t e, wf_tensor* out) { WF_TRY Out(out, T(a).flatten(s, e)); WF_CATCH }
int wf_slice(wf_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step, wf_tensor* out) {
  WF_TRY Out(out, T(a).slice(dim, start, end, step)); WF_CATCH
}
int wf_stack(const wf_tensor* ts, int n, int64_t dim, wf_tensor* out) { WF_TRY Out(out, at::stack(tensors(ts, n), dim)); WF_CATCH }
int wf_repeat(wf_tensor a, const int64_t* r, int n, wf_tensor* out) { WF_TRY Out(out, T(a).repeat(dims(r, n))); WF_CATCH }

}  // extern "C"

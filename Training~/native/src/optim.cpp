// Optimizer updates with PyTorch's exact rules (torch/optim/{sgd,adam,rmsprop}.py, single-tensor
// path), fused here so one call updates every parameter without crossing the ABI per op.
#include "shim.h"
#include <cmath>

using namespace wf;

static at::Tensor grad_with_decay(const at::Tensor& p, double weight_decay) {
  auto g = p.grad();
  if (!g.defined()) return g;
  return weight_decay != 0 ? g.add(p, weight_decay) : g;
}

extern "C" {

int wf_sgd_step(const wf_tensor* params, const wf_tensor* bufs, int n, double lr, double momentum, double weight_decay) {
  WF_TRY
  at::NoGradGuard ng;
  for (int i = 0; i < n; i++) {
    auto& p = T(params[i]);
    auto g = grad_with_decay(p, weight_decay);
    if (!g.defined()) continue;
    if (momentum != 0) {
      auto& buf = T(bufs[i]);
      buf.mul_(momentum).add_(g);
      g = buf;
    }
    p.add_(g, -lr);
  }
  WF_CATCH
}

int wf_adam_step(const wf_tensor* params, const wf_tensor* exp_avg, const wf_tensor* exp_avg_sq, int n, int64_t step,
                 double lr, double beta1, double beta2, double eps, double weight_decay) {
  WF_TRY
  at::NoGradGuard ng;
  const double bias_correction1 = 1 - std::pow(beta1, static_cast<double>(step));
  const double bias_correction2 = 1 - std::pow(beta2, static_cast<double>(step));
  const double step_size = lr / bias_correction1;
  const double bias_correction2_sqrt = std::sqrt(bias_correction2);
  for (int i = 0; i < n; i++) {
    auto& p = T(params[i]);
    auto g = grad_with_decay(p, weight_decay);
    if (!g.defined()) continue;
    auto& m = T(exp_avg[i]);
    auto& v = T(exp_avg_sq[i]);
    m.mul_(beta1).add_(g, 1 - beta1);
    v.mul_(beta2).addcmul_(g, g, 1 - beta2);
    auto denom = (v.sqrt() / bias_correction2_sqrt).add_(eps);
    p.addcdiv_(m, denom, -step_size);
  }
  WF_CATCH
}

int wf_rmsprop_step(const wf_tensor* params, const wf_tensor* square_avg, const wf_tensor* bufs, const wf_tensor* grad_avg, int n,
                    double lr, double alpha, double eps, double weight_decay, double momentum, int centered) {
  WF_TRY
  at::NoGradGuard ng;
  if (momentum > 0 && bufs == nullptr) throw std::invalid_argument("RMSprop with momentum needs momentum buffers");
  if (centered != 0 && grad_avg == nullptr) throw std::invalid_argument("centered RMSprop needs gradient averages");
  for (int i = 0; i < n; i++) {
    auto& p = T(params[i]);
    auto g = grad_with_decay(p, weight_decay);
    if (!g.defined()) continue;
    auto& sq = T(square_avg[i]);
    sq.mul_(alpha).addcmul_(g, g, 1 - alpha);
    at::Tensor avg;
    if (centered != 0) {
      auto& ga = T(grad_avg[i]);
      ga.mul_(alpha).add_(g, 1 - alpha);
      avg = sq.addcmul(ga, ga, -1).sqrt_().add_(eps);
    } else {
      avg = sq.sqrt().add_(eps);
    }
    if (momentum > 0) {
      auto& buf = T(bufs[i]);
      buf.mul_(momentum).addcdiv_(g, avg);
      p.add_(buf, -lr);
    } else {
      p.addcdiv_(g, avg, -lr);
    }
  }
  WF_CATCH
}

}  // extern "C"

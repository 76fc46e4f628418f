// Tensor creation, info, copies and autograd.
#include "shim.h"
#include <cstring>

using namespace wf;

static at::Tensor on_device(at::Tensor cpu, int device_type, int device_index) {
  return device_type == 0 ? cpu : cpu.to(device_of(device_type, device_index));
}

extern "C" {

int wf_full(const int64_t* shape, int ndim, double value, int dtype, int device_type, int device_index, wf_tensor* out) {
  WF_TRY
  Out(out, at::full(dims(shape, ndim), value, at::TensorOptions().dtype(dtype_of(dtype)).device(device_of(device_type, device_index))));
  WF_CATCH
}

// With an explicit (CPU) generator, random tensors are drawn on the CPU and then moved, so a seed
// gives the same numbers on every device. Without one they are drawn where they live, from that
// device's default generator (no host-to-device copy in the hot loop on CUDA).
static at::Tensor random_tensor(bool normal, const int64_t* shape, int ndim, wf_generator g, int dtype, int device_type, int device_index) {
  auto options = at::TensorOptions().dtype(dtype_of(dtype));
  if (g == nullptr && device_type != 0) options = options.device(device_of(device_type, device_index));
  auto t = normal ? at::randn(dims(shape, ndim), gen(g), options) : at::rand(dims(shape, ndim), gen(g), options);
  return g == nullptr ? t : on_device(t, device_type, device_index);
}

int wf_rand(const int64_t* shape, int ndim, wf_generator g, int dtype, int device_type, int device_index, wf_tensor* out) {
  WF_TRY Out(out, random_tensor(false, shape, ndim, g, dtype, device_type, device_index)); WF_CATCH
}

int wf_randn(const int64_t* shape, int ndim, wf_generator g, int dtype, int device_type, int device_index, wf_tensor* out) {
  WF_TRY Out(out, random_tensor(true, shape, ndim, g, dtype, device_type, device_index)); WF_CATCH
}

int wf_randperm(int64_t n, wf_generator g, wf_tensor* out) {
  WF_TRY Out(out, at::randperm(n, gen(g), at::TensorOptions().dtype(at::kLong))); WF_CATCH
}

int wf_randint(int64_t high, const int64_t* shape, int ndim, wf_generator g, wf_tensor* out) {
  WF_TRY
  Out(out, at::randint(high, dims(shape, ndim), gen(g), at::TensorOptions().dtype(at::kLong)));
  WF_CATCH
}

int wf_from_blob(const void* data, const int64_t* shape, int ndim, int dtype, wf_tensor* out) {
  WF_TRY
  auto t = at::empty(dims(shape, ndim), at::TensorOptions().dtype(dtype_of(dtype)));
  std::memcpy(t.data_ptr(), data, t.numel() * t.element_size());
  Out(out, t);
  WF_CATCH
}

int wf_arange(int64_t n, int dtype, wf_tensor* out) {
  WF_TRY Out(out, at::arange(n, at::TensorOptions().dtype(dtype_of(dtype)))); WF_CATCH
}

void wf_tensor_free(wf_tensor t) { delete static_cast<at::Tensor*>(t); }

int wf_tensor_dim(wf_tensor t, int* out) { WF_TRY *out = static_cast<int>(T(t).dim()); WF_CATCH }

int wf_tensor_shape(wf_tensor t, int64_t* out) {
  WF_TRY
  auto s = T(t).sizes();
  for (size_t i = 0; i < s.size(); i++) out[i] = s[i];
  WF_CATCH
}

int wf_tensor_dtype(wf_tensor t, int* out) { WF_TRY *out = code_of(T(t).scalar_type()); WF_CATCH }

int wf_tensor_device(wf_tensor t, int* type, int* index) {
  WF_TRY
  auto d = T(t).device();
  *type = d.is_cuda() ? 1 : 0;
  *index = d.has_index() ? d.index() : -1;
  WF_CATCH
}

int wf_tensor_copy_to(wf_tensor t, void* dst, int64_t bytes) {
  WF_TRY
  auto c = T(t).detach().to(at::kCPU).contiguous();
  const int64_t need = c.numel() * static_cast<int64_t>(c.element_size());
  if (bytes != need) throw std::invalid_argument("destination has " + std::to_string(bytes) + " bytes; the tensor has " + std::to_string(need));
  std::memcpy(dst, c.data_ptr(), static_cast<size_t>(need));
  WF_CATCH
}

int wf_tensor_item(wf_tensor t, double* out) { WF_TRY *out = T(t).item<double>(); WF_CATCH }

int wf_tensor_to(wf_tensor t, int dtype, int device_type, int device_index, wf_tensor* out) {
  WF_TRY
  auto& x = T(t);
  auto type = dtype < 0 ? x.scalar_type() : dtype_of(dtype);
  auto device = device_type < 0 ? x.device() : device_of(device_type, device_index);
  Out(out, x.to(device, type));
  WF_CATCH
}

int wf_tensor_clone(wf_tensor t, wf_tensor* out) { WF_TRY Out(out, T(t).clone()); WF_CATCH }
int wf_tensor_detach(wf_tensor t, wf_tensor* out) { WF_TRY Out(out, T(t).detach()); WF_CATCH }
int wf_tensor_alias(wf_tensor t, wf_tensor* out) { WF_TRY Out(out, T(t)); WF_CATCH }

int wf_requires_grad(wf_tensor t, int* out) { WF_TRY *out = T(t).requires_grad() ? 1 : 0; WF_CATCH }
int wf_set_requires_grad(wf_tensor t, int value) { WF_TRY T(t).set_requires_grad(value != 0); WF_CATCH }

int wf_grad(wf_tensor t, wf_tensor* out) {
  WF_TRY
  auto g = T(t).grad();
  *out = g.defined() ? new at::Tensor(g) : nullptr;
  WF_CATCH
}

int wf_zero_grad(wf_tensor t) {
  WF_TRY
  T(t).mutable_grad().reset();
  WF_CATCH
}

int wf_backward(wf_tensor t, wf_tensor grad_or_null, int retain_graph, int create_graph) {
  WF_TRY
  auto g = Opt(grad_or_null);
  T(t).backward(g.has_value() ? *g : at::Tensor(), retain_graph != 0, create_graph != 0);
  WF_CATCH
}

int wf_autograd_grad(const wf_tensor* outputs, int n_outputs, const wf_tensor* inputs, int n_inputs,
                     const wf_tensor* grad_outputs_or_null, int retain_graph, int create_graph, wf_tensor* out) {
  WF_TRY
  auto outs = tensors(outputs, n_outputs);
  auto ins = tensors(inputs, n_inputs);
  std::vector<at::Tensor> gos;
  if (grad_outputs_or_null != nullptr) gos = tensors(grad_outputs_or_null, n_outputs);
  auto grads = torch::autograd::grad(outs, ins, gos, retain_graph != 0, create_graph != 0, /*allow_unused=*/true);
  for (int i = 0; i < n_inputs; i++) out[i] = grads[i].defined() ? new at::Tensor(grads[i]) : nullptr;
  WF_CATCH
}

}  // extern "C"

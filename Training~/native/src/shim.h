// Internal helpers of the shim: the exception firewall, handle conversion, dtype/device codes.
#pragma once
#include <torch/torch.h>
#include <string>
#include <vector>
#include "wasserforge_torch.h"

namespace wf {

void set_error(const std::string& message);

inline at::Tensor& T(wf_tensor t) {
  if (t == nullptr) throw std::invalid_argument("null tensor handle");
  return *static_cast<at::Tensor*>(t);
}
inline c10::optional<at::Tensor> Opt(wf_tensor t) {
  if (t == nullptr) return c10::nullopt;
  return *static_cast<at::Tensor*>(t);
}
inline void Out(wf_tensor* out, at::Tensor t) { *out = new at::Tensor(std::move(t)); }

at::ScalarType dtype_of(int code);
int code_of(at::ScalarType t);
at::Device device_of(int type, int index);
at::IntArrayRef dims(const int64_t* p, int n);
std::vector<at::Tensor> tensors(const wf_tensor* p, int n);
c10::optional<at::Generator> gen(wf_generator g);

}  // namespace wf

// Every entry point's body goes between WF_TRY and WF_CATCH: no C++ exception crosses the C ABI.
#define WF_TRY try {
#define WF_CATCH                                                          \
  }                                                                       \
  catch (const c10::Error& e) { wf::set_error(e.what_without_backtrace()); return -1; } \
  catch (const std::exception& e) { wf::set_error(e.what()); return -1; } \
  catch (...) { wf::set_error("unknown C++ exception"); return -1; }      \
  return 0;

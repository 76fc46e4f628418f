// Errors, threads, devices, seeds, generators, grad mode.
#include "shim.h"
#include <cstring>
#include <thread>

namespace wf {
static thread_local std::string g_last_error;
void set_error(const std::string& message) { g_last_error = message; }

at::ScalarType dtype_of(int code) {
  switch (code) {
    case 0: return at::kFloat;
    case 1: return at::kDouble;
    case 2: return at::kLong;
    case 3: return at::kBool;
    case 4: return at::kByte;
    default: throw std::invalid_argument("unknown dtype code " + std::to_string(code));
  }
}
int code_of(at::ScalarType t) {
  switch (t) {
    case at::kFloat: return 0;
    case at::kDouble: return 1;
    case at::kLong: return 2;
    case at::kBool: return 3;
    case at::kByte: return 4;
    default: return -1;
  }
}
at::Device device_of(int type, int index) {
  if (type == 0) return at::Device(at::kCPU);
  if (type == 1) return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index < 0 ? 0 : index));
  throw std::invalid_argument("unknown device type " + std::to_string(type));
}
at::IntArrayRef dims(const int64_t* p, int n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }
std::vector<at::Tensor> tensors(const wf_tensor* p, int n) {
  std::vector<at::Tensor> v;
  v.reserve(n);
  for (int i = 0; i < n; i++) v.push_back(T(p[i]));
  return v;
}
c10::optional<at::Generator> gen(wf_generator g) {
  if (g == nullptr) return c10::nullopt;
  return *static_cast<at::Generator*>(g);
}
}  // namespace wf

using namespace wf;

extern "C" {

const char* wf_last_error(void) { return g_last_error.c_str(); }

int wf_version(char* buffer, int size) {
  WF_TRY
  std::string v = std::string("libtorch ") + TORCH_VERSION;
  std::strncpy(buffer, v.c_str(), static_cast<size_t>(size));
  if (size > 0) buffer[size - 1] = 0;
  WF_CATCH
}

int wf_set_num_threads(int n) {
  WF_TRY
  at::set_num_threads(n > 0 ? n : static_cast<int>(std::thread::hardware_concurrency()));
  WF_CATCH
}

int wf_get_num_threads(int* n) {
  WF_TRY *n = at::get_num_threads(); WF_CATCH
}

int wf_cuda_device_count(int* n) {
  WF_TRY *n = torch::cuda::is_available() ? static_cast<int>(torch::cuda::device_count()) : 0; WF_CATCH
}

int wf_manual_seed(uint64_t seed) {
  WF_TRY torch::manual_seed(seed); WF_CATCH
}

int wf_set_grad_enabled(int enabled, int* previous) {
  WF_TRY
  *previous = at::GradMode::is_enabled() ? 1 : 0;
  at::GradMode::set_enabled(enabled != 0);
  WF_CATCH
}

int wf_cuda_synchronize(void) {
  WF_TRY if (torch::cuda::is_available()) torch::cuda::synchronize(); WF_CATCH
}

int wf_set_cudnn_benchmark(int enabled) {
  WF_TRY at::globalContext().setBenchmarkCuDNN(enabled != 0); WF_CATCH
}

int wf_default_generator_get_state(wf_tensor* out) {
  WF_TRY
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  Out(out, gen.get_state());
  WF_CATCH
}

int wf_default_generator_set_state(wf_tensor state) {
  WF_TRY
  auto gen = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(T(state));
  WF_CATCH
}

int wf_generator_new(uint64_t seed, int device_type, wf_generator* out) {
  WF_TRY
  if (device_type != 0) throw std::invalid_argument("only CPU generators are supported; CUDA ops draw from CPU-seeded tensors");
  auto* g = new at::Generator(at::detail::createCPUGenerator(seed));
  *out = g;
  WF_CATCH
}

void wf_generator_free(wf_generator g) { delete static_cast<at::Generator*>(g); }

int wf_generator_get_state(wf_generator g, wf_tensor* out) {
  WF_TRY
  auto& gen = *static_cast<at::Generator*>(g);
  std::lock_guard<std::mutex> lock(gen.mutex());
  Out(out, gen.get_state());
  WF_CATCH
}

int wf_generator_set_state(wf_generator g, wf_tensor state) {
  WF_TRY
  auto& gen = *static_cast<at::Generator*>(g);
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(T(state));
  WF_CATCH
}

}  // extern "C"

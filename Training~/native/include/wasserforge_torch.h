/* Wasserforge libtorch shim: C ABI.
 *
 * Conventions
 * - Every function returns int: 0 on success, -1 on failure; then wf_last_error() holds the
 *   message (thread-local). No C++ exception ever crosses this boundary.
 * - A wf_tensor is an owned handle to an at::Tensor; free it with wf_tensor_free. Output handles
 *   are written through out-parameters.
 * - dtype codes: 0 float32, 1 float64, 2 int64, 3 bool, 4 uint8.
 *   device codes: type 0 cpu, 1 cuda; index -1 = default.
 */
#ifndef WASSERFORGE_TORCH_H
#define WASSERFORGE_TORCH_H
#include <stdint.h>

#if defined(_WIN32)
#  define WF_API __declspec(dllexport)
#else
#  define WF_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef void* wf_tensor;
typedef void* wf_generator;

/* errors and runtime */
WF_API const char* wf_last_error(void);
WF_API int wf_version(char* buffer, int size);
WF_API int wf_set_num_threads(int n);
WF_API int wf_get_num_threads(int* n);
WF_API int wf_cuda_device_count(int* n);
WF_API int wf_manual_seed(uint64_t seed);
WF_API int wf_set_grad_enabled(int enabled, int* previous);
WF_API int wf_cuda_synchronize(void);                 /* no-op without CUDA */
WF_API int wf_set_cudnn_benchmark(int enabled);       /* no-op without CUDA */
WF_API int wf_default_generator_get_state(wf_tensor* out); /* CPU default generator (torch.get_rng_state) */
WF_API int wf_default_generator_set_state(wf_tensor state);

/* generators */
WF_API int wf_generator_new(uint64_t seed, int device_type, wf_generator* out);
WF_API void wf_generator_free(wf_generator g);
WF_API int wf_generator_get_state(wf_generator g, wf_tensor* out);
WF_API int wf_generator_set_state(wf_generator g, wf_tensor state);

/* creation */
WF_API int wf_full(const int64_t* shape, int ndim, double value, int dtype, int device_type, int device_index, wf_tensor* out);
WF_API int wf_rand(const int64_t* shape, int ndim, wf_generator g, int dtype, int device_type, int device_index, wf_tensor* out);
WF_API int wf_randn(const int64_t* shape, int ndim, wf_generator g, int dtype, int device_type, int device_index, wf_tensor* out);
WF_API int wf_randint(int64_t high, const int64_t* shape, int ndim, wf_generator g, wf_tensor* out);
WF_API int wf_from_blob(const void* data, const int64_t* shape, int ndim, int dtype, wf_tensor* out); /* copies */
WF_API int wf_arange(int64_t n, int dtype, wf_tensor* out);
WF_API int wf_randperm(int64_t n, wf_generator g, wf_tensor* out); /* int64, CPU */

/* tensor info and memory */
WF_API void wf_tensor_free(wf_tensor t);
WF_API int wf_tensor_dim(wf_tensor t, int* out);
WF_API int wf_tensor_shape(wf_tensor t, int64_t* out); /* out has dim() entries */
WF_API int wf_tensor_dtype(wf_tensor t, int* out);
WF_API int wf_tensor_device(wf_tensor t, int* type, int* index);
WF_API int wf_tensor_copy_to(wf_tensor t, void* dst, int64_t bytes); /* contiguous CPU copy */
WF_API int wf_tensor_item(wf_tensor t, double* out);
WF_API int wf_tensor_to(wf_tensor t, int dtype, int device_type, int device_index, wf_tensor* out);
WF_API int wf_tensor_clone(wf_tensor t, wf_tensor* out);
WF_API int wf_tensor_detach(wf_tensor t, wf_tensor* out);
WF_API int wf_tensor_alias(wf_tensor t, wf_tensor* out); /* a second handle to the same tensor */

/* autograd */
WF_API int wf_requires_grad(wf_tensor t, int* out);
WF_API int wf_set_requires_grad(wf_tensor t, int value);
WF_API int wf_grad(wf_tensor t, wf_tensor* out); /* *out = NULL when no gradient */
WF_API int wf_zero_grad(wf_tensor t); /* sets .grad to None */
WF_API int wf_backward(wf_tensor t, wf_tensor grad_or_null, int retain_graph, int create_graph);
WF_API int wf_autograd_grad(const wf_tensor* outputs, int n_outputs, const wf_tensor* inputs, int n_inputs,
                            const wf_tensor* grad_outputs_or_null, int retain_graph, int create_graph, wf_tensor* out);

/* elementwise */
WF_API int wf_binary(int op, wf_tensor a, wf_tensor b, wf_tensor* out); /* 0 add 1 sub 2 mul 3 div 4 pow 5 maximum 6 minimum 7 gt 8 lt 9 eq 10 ge 11 le 12 ne */
WF_API int wf_scalar_op(int op, wf_tensor a, double s, wf_tensor* out); /* 0 add 1 sub 2 mul 3 div 4 pow 5 rsub(s - a) 6 rdiv(s / a) 7 gt 8 lt 9 ge 10 le 11 eq 12 ne 13 rpow(s ^ a) */
/* unary: 0 neg 1 exp 2 log 3 sqrt 4 abs 5 relu 6 tanh 7 sigmoid 8 square 9 sign 10 contiguous 11 flatten(1)
 * 12 log_sigmoid 13 isfinite 14 reciprocal 15 rsqrt 16 log1p 17 expm1 18 floor 19 round 20 cos 21 sin
 * 22 logical_not 23 ceil */
WF_API int wf_unary(int op, wf_tensor a, wf_tensor* out);
WF_API int wf_leaky_relu(wf_tensor a, double slope, wf_tensor* out);
WF_API int wf_elu(wf_tensor a, double alpha, wf_tensor* out);
WF_API int wf_softplus(wf_tensor a, double beta, double threshold, wf_tensor* out);
WF_API int wf_clamp(wf_tensor a, double min, double max, wf_tensor* out);
WF_API int wf_where(wf_tensor cond, wf_tensor a, wf_tensor b, wf_tensor* out);

/* in place (no autograd history allowed on leaves that require grad, as in PyTorch) */
WF_API int wf_clamp_(wf_tensor a, double min, double max);
WF_API int wf_copy_(wf_tensor dst, wf_tensor src);
WF_API int wf_fill_(wf_tensor a, double value);
WF_API int wf_mul_scalar_(wf_tensor a, double s);
WF_API int wf_add_(wf_tensor a, wf_tensor b, double alpha);
WF_API int wf_uniform_(wf_tensor a, double low, double high, wf_generator g);
WF_API int wf_normal_(wf_tensor a, double mean, double std, wf_generator g);

/* reductions */
WF_API int wf_reduce(int op, wf_tensor a, const int64_t* dims, int ndims, int keepdim, wf_tensor* out); /* 0 sum 1 mean 2 amax 3 amin; ndims 0 = all */
WF_API int wf_norm(wf_tensor a, double p, const int64_t* dims, int ndims, int keepdim, wf_tensor* out);
WF_API int wf_all_finite(wf_tensor a, int* out);
WF_API int wf_var_std(int op, wf_tensor a, const int64_t* dims, int ndims, int unbiased, int keepdim, wf_tensor* out); /* op 0 var 1 std */
WF_API int wf_argmax(wf_tensor a, int64_t dim, int all, int keepdim, wf_tensor* out);

/* shapes */
WF_API int wf_reshape(wf_tensor a, const int64_t* shape, int ndim, wf_tensor* out);
WF_API int wf_permute(wf_tensor a, const int64_t* dims, int ndim, wf_tensor* out);
WF_API int wf_transpose(wf_tensor a, int64_t d0, int64_t d1, wf_tensor* out);
WF_API int wf_narrow(wf_tensor a, int64_t dim, int64_t start, int64_t length, wf_tensor* out);
WF_API int wf_index_select(wf_tensor a, int64_t dim, wf_tensor index, wf_tensor* out);
WF_API int wf_cat(const wf_tensor* tensors, int n, int64_t dim, wf_tensor* out);
WF_API int wf_flip(wf_tensor a, const int64_t* dims, int ndims, wf_tensor* out);
WF_API int wf_expand(wf_tensor a, const int64_t* shape, int ndim, wf_tensor* out);
WF_API int wf_unsqueeze(wf_tensor a, int64_t dim, wf_tensor* out);
WF_API int wf_squeeze(wf_tensor a, int64_t dim, int all, wf_tensor* out);
WF_API int wf_flatten(wf_tensor a, int64_t start_dim, int64_t end_dim, wf_tensor* out);
WF_API int wf_slice(wf_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step, wf_tensor* out);
WF_API int wf_stack(const wf_tensor* tensors, int n, int64_t dim, wf_tensor* out);
WF_API int wf_repeat(wf_tensor a, const int64_t* repeats, int n, wf_tensor* out);

/* linear algebra and nn functional */
WF_API int wf_matmul(wf_tensor a, wf_tensor b, wf_tensor* out);
WF_API int wf_linear(wf_tensor x, wf_tensor w, wf_tensor b_or_null, wf_tensor* out);
WF_API int wf_conv2d(wf_tensor x, wf_tensor w, wf_tensor b_or_null, int64_t stride, int64_t padding, int64_t dilation, int64_t groups, wf_tensor* out);
WF_API int wf_conv_transpose2d(wf_tensor x, wf_tensor w, wf_tensor b_or_null, int64_t stride, int64_t padding, int64_t output_padding, int64_t groups, wf_tensor* out);
WF_API int wf_pad(wf_tensor x, const int64_t* pads, int npads, int mode, double value, wf_tensor* out); /* mode 0 constant 1 reflect 2 replicate 3 circular */
WF_API int wf_upsample_nearest2d(wf_tensor x, int64_t out_h, int64_t out_w, wf_tensor* out);
WF_API int wf_avg_pool2d(wf_tensor x, int64_t kernel, int64_t stride, wf_tensor* out);
WF_API int wf_batch_norm(wf_tensor x, wf_tensor w, wf_tensor b, wf_tensor running_mean, wf_tensor running_var,
                         int training, double momentum, double eps, wf_tensor* out);
WF_API int wf_layer_norm(wf_tensor x, const int64_t* normalized_shape, int ndim, wf_tensor w_or_null, wf_tensor b_or_null, double eps, wf_tensor* out);
WF_API int wf_group_norm(wf_tensor x, int64_t groups, wf_tensor w_or_null, wf_tensor b_or_null, double eps, wf_tensor* out);
WF_API int wf_instance_norm(wf_tensor x, wf_tensor w_or_null, wf_tensor b_or_null, double eps, wf_tensor* out);
WF_API int wf_bce_with_logits(wf_tensor logits, wf_tensor target, wf_tensor* out); /* mean */

/* optimizers (PyTorch's update rules, in place on a list of parameters; grads read from .grad; a
 * parameter without a gradient is skipped). State arrays hold one tensor per parameter; RMSprop's
 * momentum buffers may be NULL when momentum is 0 and its gradient averages NULL unless centered. */
WF_API int wf_sgd_step(const wf_tensor* params, const wf_tensor* momentum_bufs, int n, double lr, double momentum, double weight_decay);
WF_API int wf_adam_step(const wf_tensor* params, const wf_tensor* exp_avg, const wf_tensor* exp_avg_sq, int n, int64_t step,
                        double lr, double beta1, double beta2, double eps, double weight_decay);
WF_API int wf_rmsprop_step(const wf_tensor* params, const wf_tensor* square_avg, const wf_tensor* momentum_bufs_or_null,
                           const wf_tensor* grad_avg_or_null, int n,
                           double lr, double alpha, double eps, double weight_decay, double momentum, int centered);

#ifdef __cplusplus
}
#endif
#endif

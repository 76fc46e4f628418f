using System;
using System.Runtime.InteropServices;

namespace Wasserforge.Torch.Native
{
    /// <summary>P/Invoke declarations of the shim's C ABI (Training~/native/include/wasserforge_torch.h). The only file that declares them.</summary>
    internal static unsafe class NativeMethods
    {
        const string Lib = "wasserforge_torch";

        [DllImport(Lib)] public static extern IntPtr wf_last_error();
        [DllImport(Lib)] public static extern int wf_version(byte* buffer, int size);
        [DllImport(Lib)] public static extern int wf_set_num_threads(int n);
        [DllImport(Lib)] public static extern int wf_get_num_threads(out int n);
        [DllImport(Lib)] public static extern int wf_cuda_device_count(out int n);
        [DllImport(Lib)] public static extern int wf_manual_seed(ulong seed);
        [DllImport(Lib)] public static extern int wf_set_grad_enabled(int enabled, out int previous);
        [DllImport(Lib)] public static extern int wf_cuda_synchronize();
        [DllImport(Lib)] public static extern int wf_set_cudnn_benchmark(int enabled);
        [DllImport(Lib)] public static extern int wf_default_generator_get_state(out IntPtr state);
        [DllImport(Lib)] public static extern int wf_default_generator_set_state(IntPtr state);

        [DllImport(Lib)] public static extern int wf_generator_new(ulong seed, int deviceType, out IntPtr g);
        [DllImport(Lib)] public static extern void wf_generator_free(IntPtr g);
        [DllImport(Lib)] public static extern int wf_generator_get_state(IntPtr g, out IntPtr state);
        [DllImport(Lib)] public static extern int wf_generator_set_state(IntPtr g, IntPtr state);

        [DllImport(Lib)] public static extern int wf_full(long* shape, int ndim, double value, int dtype, int deviceType, int deviceIndex, out IntPtr t);
        [DllImport(Lib)] public static extern int wf_rand(long* shape, int ndim, IntPtr g, int dtype, int deviceType, int deviceIndex, out IntPtr t);
        [DllImport(Lib)] public static extern int wf_randn(long* shape, int ndim, IntPtr g, int dtype, int deviceType, int deviceIndex, out IntPtr t);
        [DllImport(Lib)] public static extern int wf_randint(long high, long* shape, int ndim, IntPtr g, out IntPtr t);
        [DllImport(Lib)] public static extern int wf_from_blob(void* data, long* shape, int ndim, int dtype, out IntPtr t);
        [DllImport(Lib)] public static extern int wf_arange(long n, int dtype, out IntPtr t);
        [DllImport(Lib)] public static extern int wf_randperm(long n, IntPtr g, out IntPtr t);

        [DllImport(Lib)] public static extern void wf_tensor_free(IntPtr t);
        [DllImport(Lib)] public static extern int wf_tensor_dim(IntPtr t, out int dim);
        [DllImport(Lib)] public static extern int wf_tensor_shape(IntPtr t, long* shape);
        [DllImport(Lib)] public static extern int wf_tensor_dtype(IntPtr t, out int dtype);
        [DllImport(Lib)] public static extern int wf_tensor_device(IntPtr t, out int type, out int index);
        [DllImport(Lib)] public static extern int wf_tensor_copy_to(IntPtr t, void* dst, long bytes);
        [DllImport(Lib)] public static extern int wf_tensor_item(IntPtr t, out double value);
        [DllImport(Lib)] public static extern int wf_tensor_to(IntPtr t, int dtype, int deviceType, int deviceIndex, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_tensor_clone(IntPtr t, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_tensor_detach(IntPtr t, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_tensor_alias(IntPtr t, out IntPtr result);

        [DllImport(Lib)] public static extern int wf_requires_grad(IntPtr t, out int value);
        [DllImport(Lib)] public static extern int wf_set_requires_grad(IntPtr t, int value);
        [DllImport(Lib)] public static extern int wf_grad(IntPtr t, out IntPtr grad);
        [DllImport(Lib)] public static extern int wf_zero_grad(IntPtr t);
        [DllImport(Lib)] public static extern int wf_backward(IntPtr t, IntPtr grad, int retainGraph, int createGraph);
        [DllImport(Lib)] public static extern int wf_autograd_grad(IntPtr* outputs, int nOutputs, IntPtr* inputs, int nInputs, IntPtr* gradOutputs, int retainGraph, int createGraph, IntPtr* result);

        [DllImport(Lib)] public static extern int wf_binary(int op, IntPtr a, IntPtr b, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_scalar_op(int op, IntPtr a, double s, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_unary(int op, IntPtr a, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_leaky_relu(IntPtr a, double slope, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_elu(IntPtr a, double alpha, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_softplus(IntPtr a, double beta, double threshold, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_clamp(IntPtr a, double min, double max, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_where(IntPtr cond, IntPtr a, IntPtr b, out IntPtr result);

        [DllImport(Lib)] public static extern int wf_clamp_(IntPtr a, double min, double max);
        [DllImport(Lib)] public static extern int wf_copy_(IntPtr dst, IntPtr src);
        [DllImport(Lib)] public static extern int wf_fill_(IntPtr a, double value);
        [DllImport(Lib)] public static extern int wf_mul_scalar_(IntPtr a, double s);
        [DllImport(Lib)] public static extern int wf_add_(IntPtr a, IntPtr b, double alpha);
        [DllImport(Lib)] public static extern int wf_uniform_(IntPtr a, double low, double high, IntPtr g);
        [DllImport(Lib)] public static extern int wf_normal_(IntPtr a, double mean, double std, IntPtr g);

        [DllImport(Lib)] public static extern int wf_reduce(int op, IntPtr a, long* dims, int ndims, int keepdim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_norm(IntPtr a, double p, long* dims, int ndims, int keepdim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_all_finite(IntPtr a, out int result);
        [DllImport(Lib)] public static extern int wf_var_std(int op, IntPtr a, long* dims, int ndims, int unbiased, int keepdim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_argmax(IntPtr a, long dim, int all, int keepdim, out IntPtr result);

        [DllImport(Lib)] public static extern int wf_reshape(IntPtr a, long* shape, int ndim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_permute(IntPtr a, long* dims, int ndim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_transpose(IntPtr a, long d0, long d1, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_narrow(IntPtr a, long dim, long start, long length, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_index_select(IntPtr a, long dim, IntPtr index, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_cat(IntPtr* tensors, int n, long dim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_flip(IntPtr a, long* dims, int ndims, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_expand(IntPtr a, long* shape, int ndim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_unsqueeze(IntPtr a, long dim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_squeeze(IntPtr a, long dim, int all, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_flatten(IntPtr a, long startDim, long endDim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_slice(IntPtr a, long dim, long start, long end, long step, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_stack(IntPtr* tensors, int n, long dim, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_repeat(IntPtr a, long* repeats, int n, out IntPtr result);

        [DllImport(Lib)] public static extern int wf_matmul(IntPtr a, IntPtr b, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_linear(IntPtr x, IntPtr w, IntPtr b, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_conv2d(IntPtr x, IntPtr w, IntPtr b, long stride, long padding, long dilation, long groups, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_conv_transpose2d(IntPtr x, IntPtr w, IntPtr b, long stride, long padding, long outputPadding, long groups, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_pad(IntPtr x, long* pads, int npads, int mode, double value, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_upsample_nearest2d(IntPtr x, long h, long w, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_avg_pool2d(IntPtr x, long kernel, long stride, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_batch_norm(IntPtr x, IntPtr w, IntPtr b, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_layer_norm(IntPtr x, long* shape, int ndim, IntPtr w, IntPtr b, double eps, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_group_norm(IntPtr x, long groups, IntPtr w, IntPtr b, double eps, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_instance_norm(IntPtr x, IntPtr w, IntPtr b, double eps, out IntPtr result);
        [DllImport(Lib)] public static extern int wf_bce_with_logits(IntPtr logits, IntPtr target, out IntPtr result);

        [DllImport(Lib)] public static extern int wf_sgd_step(IntPtr* parameters, IntPtr* momentumBuffers, int n, double lr, double momentum, double weightDecay);
        [DllImport(Lib)] public static extern int wf_adam_step(IntPtr* parameters, IntPtr* expAvg, IntPtr* expAvgSq, int n, long step, double lr, double beta1, double beta2, double eps, double weightDecay);
        [DllImport(Lib)] public static extern int wf_rmsprop_step(IntPtr* parameters, IntPtr* squareAvg, IntPtr* momentumBuffers, IntPtr* gradAvg, int n, double lr, double alpha, double eps, double weightDecay, double momentum, int centered);
    }
}

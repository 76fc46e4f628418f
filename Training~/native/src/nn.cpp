// Neural-network functions: linear, convolutions, padding, upsampling, normalisations, losses.
#include "shim.h"

using namespace wf;

extern "C" {

int wf_matmul(wf_tensor a, wf_tensor b, wf_tensor* out) { WF_TRY Out(out, at::matmul(T(a), T(b))); WF_CATCH }

int wf_linear(wf_tensor x, wf_tensor w, wf_tensor b, wf_tensor* out) {
  WF_TRY Out(out, at::linear(T(x), T(w), Opt(b))); WF_CATCH
}

int wf_conv2d(wf_tensor x, wf_tensor w, wf_tensor b, int64_t stride, int64_t padding, int64_t dilation, int64_t groups, wf_tensor* out) {
  WF_TRY
  Out(out, at::conv2d(T(x), T(w), Opt(b), {stride, stride}, {padding, padding}, {dilation, dilation}, groups));
  WF_CATCH
}

int wf_conv_transpose2d(wf_tensor x, wf_tensor w, wf_tensor b, int64_t stride, int64_t padding, int64_t output_padding, int64_t groups, wf_tensor* out) {
  WF_TRY
  Out(out, at::conv_transpose2d(T(x), T(w), Opt(b), {stride, stride}, {padding, padding}, {output_padding, output_padding}, groups));
  WF_CATCH
}

int wf_pad(wf_tensor x, const int64_t* pads, int npads, int mode, double value, wf_tensor* out) {
  WF_TRY
  auto p = dims(pads, npads);
  switch (mode) {
    case 0: Out(out, at::constant_pad_nd(T(x), p, value)); break;
    case 1: Out(out, at::reflection_pad2d(T(x), p)); break;
    case 2: Out(out, at::replication_pad2d(T(x), p)); break;
    case 3: {
      // Circular padding of the last two dims by wrapping slices (same result as F.pad(mode='circular')).
      if (npads != 4) throw std::invalid_argument("circular padding needs 4 values (left, right, top, bottom)");
      auto t = T(x);
      const int64_t l = pads[0], r = pads[1], top = pads[2], bot = pads[3];
      const int64_t W = t.size(-1), H = t.size(-2);
      if (l > W || r > W || top > H || bot > H) throw std::invalid_argument("circular padding larger than the input");
      t = at::cat({t.narrow(-1, W - l, l), t, t.narrow(-1, 0, r)}, -1);
      t = at::cat({t.narrow(-2, H - top, top), t, t.narrow(-2, 0, bot)}, -2);
      Out(out, t);
      break;
    }
    default: throw std::invalid_argument("unknown padding mode " + std::to_string(mode));
  }
  WF_CATCH
}

int wf_upsample_nearest2d(wf_tensor x, int64_t h, int64_t w, wf_tensor* out) {
  WF_TRY
  const std::vector<int64_t> size{h, w};
  Out(out, at::upsample_nearest2d(T(x), at::IntArrayRef(size)));
  WF_CATCH
}

int wf_avg_pool2d(wf_tensor x, int64_t kernel, int64_t stride, wf_tensor* out) {
  WF_TRY Out(out, at::avg_pool2d(T(x), {kernel, kernel}, {stride, stride})); WF_CATCH
}

int wf_batch_norm(wf_tensor x, wf_tensor w, wf_tensor b, wf_tensor rm, wf_tensor rv, int training, double momentum, double eps, wf_tensor* out) {
  WF_TRY
  Out(out, at::batch_norm(T(x), Opt(w), Opt(b), Opt(rm), Opt(rv), training != 0, momentum, eps, /*cudnn_enabled=*/true));
  WF_CATCH
}

int wf_layer_norm(wf_tensor x, const int64_t* shape, int ndim, wf_tensor w, wf_tensor b, double eps, wf_tensor* out) {
  WF_TRY Out(out, at::layer_norm(T(x), dims(shape, ndim), Opt(w), Opt(b), eps)); WF_CATCH
}

int wf_group_norm(wf_tensor x, int64_t groups, wf_tensor w, wf_tensor b, double eps, wf_tensor* out) {
  WF_TRY Out(out, at::group_norm(T(x), groups, Opt(w), Opt(b), eps)); WF_CATCH
}

int wf_instance_norm(wf_tensor x, wf_tensor w, wf_tensor b, double eps, wf_tensor* out) {
  WF_TRY
  Out(out, at::instance_norm(T(x), Opt(w), Opt(b), c10::nullopt, c10::nullopt, /*use_input_stats=*/true, 0.1, eps, true));
  WF_CATCH
}

int wf_bce_with_logits(wf_tensor logits, wf_tensor target, wf_tensor* out) {
  WF_TRY Out(out, at::binary_cross_entropy_with_logits(T(logits), T(target))); WF_CATCH
}

}  // extern "C"

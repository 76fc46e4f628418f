#!/usr/bin/python3
"""Reference outputs of network functions from PyTorch (Debian python3-torch), for the C# engine tests.

Run: /usr/bin/python3 Training~/tests/reference/nn_forward.py
Writes nn_forward.json next to this script.

Inputs are not random: element i of an input made with salt s is 0.8 * sin(0.37 * i + s) in
float64 (the C# test builds the same tensors with the same formula). Each case stores the output's
shape and values, and for the gradient-penalty case the gradient of the penalty with respect to the
critic's weights (double backward).
"""
import json
import math
import os

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def fill(shape, salt):
    n = 1
    for d in shape:
        n *= d
    return torch.tensor([0.8 * math.sin(0.37 * i + salt) for i in range(n)]).reshape(shape)


def cases():
    x = fill([2, 3, 6, 6], 0.0)
    w = fill([4, 3, 3, 3], 1.0)
    b = fill([4], 2.0)
    wt = fill([3, 2, 5, 5], 3.0)
    bt = fill([2], 4.0)
    out = {
        "conv2d_zeros": F.conv2d(x, w, b, stride=1, padding=1),
        "conv2d_stride2": F.conv2d(x, w, b, stride=2, padding=1),
        "conv2d_circular": F.conv2d(F.pad(x, (1, 1, 1, 1), mode="circular"), w, b),
        "conv2d_reflect": F.conv2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), w, b),
        "conv_transpose2d": F.conv_transpose2d(x, wt, bt, stride=2, padding=2, output_padding=1),
        "upsample_nearest": F.interpolate(x, scale_factor=2, mode="nearest"),
        "pad_constant": F.pad(x, (1, 2, 0, 1), mode="constant", value=0.5),
        "pad_reflect": F.pad(x, (1, 2, 2, 1), mode="reflect"),
        "pad_replicate": F.pad(x, (1, 2, 2, 1), mode="replicate"),
        "pad_circular": F.pad(x, (1, 2, 2, 1), mode="circular"),
        "layer_norm": F.layer_norm(x, [3, 6, 6], fill([3, 6, 6], 5.0), fill([3, 6, 6], 6.0)),
        "group_norm": F.group_norm(fill([2, 4, 3, 3], 7.0), 2, fill([4], 8.0), fill([4], 9.0)),
        "instance_norm": F.instance_norm(x),
        "leaky_relu": F.leaky_relu(x, 0.2),
        "elu": F.elu(x, 0.7),
        "softplus": F.softplus(x * 5, beta=2.0, threshold=3.0),
        "linear": F.linear(fill([5, 7], 10.0), fill([3, 7], 11.0), fill([3], 12.0)),
    }
    rm, rv = torch.zeros(3), torch.ones(3)
    bn = F.batch_norm(x, rm, rv, fill([3], 13.0), fill([3], 14.0), training=True, momentum=0.1, eps=1e-5)
    out["batch_norm_train"] = bn
    out["batch_norm_running_mean"] = rm
    out["batch_norm_running_var"] = rv

    # WGAN-GP penalty of a small conv critic; gradient w.r.t. the critic's weights (double backward).
    cw1, cb1 = fill([4, 3, 3, 3], 15.0).requires_grad_(), fill([4], 16.0).requires_grad_()
    cw2 = fill([1, 4 * 3 * 3], 17.0).requires_grad_()
    real, fake, eps = fill([2, 3, 6, 6], 18.0), fill([2, 3, 6, 6], 19.0), (fill([2, 1, 1, 1], 20.0) + 1) / 2
    xi = (real * eps + fake * (1 - eps)).detach().requires_grad_()
    h = F.leaky_relu(F.layer_norm(F.conv2d(xi, cw1, cb1, stride=2, padding=1), [4, 3, 3]), 0.2)
    d = F.linear(h.flatten(1), cw2)
    g, = torch.autograd.grad(d.sum(), xi, create_graph=True)
    gp = ((g.reshape(2, -1).norm(dim=1) - 1) ** 2).mean()
    gw1, gb1, gw2 = torch.autograd.grad(gp, [cw1, cb1, cw2])
    out["gp_value"] = gp
    out["gp_grad_w1"], out["gp_grad_b1"], out["gp_grad_w2"] = gw1, gb1, gw2
    return out


def main():
    result = {"torch_version": torch.__version__, "cases": {}}
    for name, t in cases().items():
        t = t.detach()
        result["cases"][name] = {"shape": list(t.shape), "values": t.reshape(-1).tolist()}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "nn_forward.json"), "w") as f:
        json.dump(result, f, indent=0)
        f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference optimizer trajectories from PyTorch (Debian python3-torch), for the C# engine tests.

Run: /usr/bin/python3 Training~/tests/reference/optimizer_trajectories.py
Writes optimizer_trajectories.json next to this script.

Problem: W (3x4) and b (3) start at fixed values; x (5x4) and y (5x3) are fixed. Loss =
mean((x W^T + b - y)^2) + 0.1 * sum(W^4). Every optimizer takes 12 steps in float64; the file holds
W and b after each step.
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)


def problem():
    W = torch.tensor([[0.1 * (i - j) + 0.05 * i * j for j in range(4)] for i in range(3)], requires_grad=True)
    b = torch.tensor([0.3, -0.2, 0.1], requires_grad=True)
    x = torch.tensor([[((i * 3 + j * 5) % 7 - 3) / 3.0 for j in range(4)] for i in range(5)])
    y = torch.tensor([[((i + 2 * j) % 5 - 2) / 2.0 for j in range(3)] for i in range(5)])
    return W, b, x, y


def loss_fn(W, b, x, y):
    return ((x @ W.T + b - y) ** 2).mean() + 0.1 * (W ** 4).sum()


CASES = {
    "adam_wgan_gp": lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.0, 0.9)),
    "adam_default": lambda p: torch.optim.Adam(p, lr=0.01),
    "adam_weight_decay": lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.5, 0.999), weight_decay=0.1),
    "rmsprop_wgan": lambda p: torch.optim.RMSprop(p, lr=0.005),
    "rmsprop_momentum": lambda p: torch.optim.RMSprop(p, lr=0.001, alpha=0.9, momentum=0.8, weight_decay=0.01),
    "rmsprop_centered": lambda p: torch.optim.RMSprop(p, lr=0.002, alpha=0.95, eps=1e-6, centered=True),
    "rmsprop_centered_momentum": lambda p: torch.optim.RMSprop(p, lr=0.001, momentum=0.5, centered=True, weight_decay=0.05),
    "sgd": lambda p: torch.optim.SGD(p, lr=0.05),
    "sgd_momentum": lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9),
}


def main():
    out = {"torch_version": torch.__version__, "steps": 12, "cases": {}}
    for name, make in CASES.items():
        W, b, x, y = problem()
        opt = make([W, b])
        traj = []
        for _ in range(12):
            opt.zero_grad()
            loss_fn(W, b, x, y).backward()
            opt.step()
            traj.append({"W": W.detach().reshape(-1).tolist(), "b": b.detach().tolist()})
        out["cases"][name] = traj
    W, b, x, y = problem()
    out["start"] = {"W": W.detach().reshape(-1).tolist(), "b": b.detach().tolist(),
                    "x": x.reshape(-1).tolist(), "y": y.reshape(-1).tolist()}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "optimizer_trajectories.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

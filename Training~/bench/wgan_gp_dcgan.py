#!/usr/bin/python3
"""PyTorch peer of Wasserforge's engine benchmark (`wasserforge bench engine`, Training~/bench/run.sh):
the WGAN-GP reference DCGAN pair at 64x64, batch 64; one iteration = 5 critic steps with gradient
penalty (lambda 10, Adam 1e-4, betas (0, 0.9)) + 1 generator step. Prints iterations per second: over all timed iterations, and of the fastest one (robust to load from other processes).

usage: wgan_gp_dcgan.py DEVICE WARMUP ITERATIONS THREADS
"""
import sys
import time

import torch
import torch.nn as nn


def generator():
    return nn.Sequential(
        nn.Linear(128, 4 * 4 * 512), nn.BatchNorm1d(4 * 4 * 512), nn.ReLU(), nn.Unflatten(1, (512, 4, 4)),
        nn.ConvTranspose2d(512, 256, 5, 2, 2, 1), nn.BatchNorm2d(256), nn.ReLU(),
        nn.ConvTranspose2d(256, 128, 5, 2, 2, 1), nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 5, 2, 2, 1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 3, 5, 2, 2, 1), nn.Tanh())


def critic():
    return nn.Sequential(
        nn.Conv2d(3, 64, 5, 2, 2), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 5, 2, 2), nn.LayerNorm([128, 16, 16]), nn.LeakyReLU(0.2),
        nn.Conv2d(128, 256, 5, 2, 2), nn.LayerNorm([256, 8, 8]), nn.LeakyReLU(0.2),
        nn.Conv2d(256, 512, 5, 2, 2), nn.LayerNorm([512, 4, 4]), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(4 * 4 * 512, 1))


def main():
    device, warmup, iterations, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    dev = torch.device(device if device.startswith("cuda") else "cpu")
    if dev.type == "cuda":
        torch.backends.cudnn.benchmark = True
    G, D = generator().to(dev), critic().to(dev)
    opt_g = torch.optim.Adam(G.parameters(), 1e-4, betas=(0.0, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), 1e-4, betas=(0.0, 0.9))
    real = torch.rand(64, 3, 64, 64, device=dev) * 2 - 1

    def iteration():
        for _ in range(5):
            with torch.no_grad():
                fake = G(torch.randn(64, 128, device=dev))
            dr, df = D(real), D(fake)
            alpha = torch.rand(64, 1, 1, 1, device=dev)
            x = (real * alpha + fake * (1 - alpha)).detach().requires_grad_()
            g, = torch.autograd.grad(D(x).sum(), x, create_graph=True)
            gp = (g.reshape(64, -1).norm(dim=1) - 1).pow(2).mean()
            loss = df.mean() - dr.mean() + 10 * gp
            opt_d.zero_grad()
            loss.backward()
            opt_d.step()
        gl = -D(G(torch.randn(64, 128, device=dev))).mean()
        opt_g.zero_grad()
        gl.backward()
        opt_g.step()
        gl.item()

    sync = torch.cuda.synchronize if dev.type == "cuda" else (lambda: None)
    for _ in range(warmup):
        iteration()
    sync()
    t = time.perf_counter()
    fastest = float("inf")
    for _ in range(iterations):
        start = time.perf_counter()
        iteration()
        sync()
        fastest = min(fastest, time.perf_counter() - start)
    print(iterations / (time.perf_counter() - t), 1 / fastest)


if __name__ == "__main__":
    main()

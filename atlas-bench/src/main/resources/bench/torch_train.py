"""PyTorch baseline of `atlas bench train`: the small CNN of docs/method.md §4 on Fashion-MNIST shapes.

Times the same work as the Java loop: a uint8 training tensor held in memory, one gather per epoch in
a random order, batches sliced from it, per-channel normalisation, forward, cross-entropy, backward,
global gradient-norm clipping at 10, Adam (lr 1e-3). Prints one line: `images_per_second=<float>`.

usage: python3 torch_train.py BATCHES BATCH_SIZE THREADS WARMUP_BATCHES
"""
import sys
import time

import torch
from torch import nn


def main():
    batches, batch_size, threads, warmup = (int(a) for a in sys.argv[1:5])
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    model = nn.Sequential(
        nn.Conv2d(1, 16, 5, padding=2), nn.SiLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 5, padding=2), nn.SiLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128),
        nn.Linear(128, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n = batch_size * 100
    data = torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8)
    labels = torch.randint(0, 10, (n,))
    mean, std = 72.94, 90.02

    def run(count):
        done = 0
        while done < count:
            order = torch.randperm(n)
            xs, ys = data[order], labels[order]
            for start in range(0, n, batch_size):
                if done == count:
                    return
                x = (xs[start:start + batch_size].float() - mean) / std
                y = ys[start:start + batch_size]
                optimizer.zero_grad(set_to_none=True)
                loss = loss_fn(model(x), y)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 10.0)
                optimizer.step()
                loss.item()
                done += 1

    run(warmup)
    start = time.perf_counter()
    run(batches)
    elapsed = time.perf_counter() - start
    print(f"images_per_second={batches * batch_size / elapsed:.1f}")


if __name__ == "__main__":
    main()

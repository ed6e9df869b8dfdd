"""PyTorch baseline of `atlas bench train`: the charts of a plan trained one after the other, eagerly.

Each chart is trained as the Java trainer does (docs/method.md §4): the small CNN (Conv 5x5 16, SiLU,
MaxPool 2, Conv 5x5 32, SiLU, MaxPool 2, flatten, Linear 128, Linear |C|), the uint8 training tensor
gathered once per epoch in a random order and sliced into batches, per-channel normalisation (mean and
standard deviation of the chart's training pixels), cross-entropy, backward, global gradient-norm
clipping, Adam; after every epoch the validation loss in batches of 1000 without gradients, early
stopping on it with the chart's patience and the best epoch's weights kept. The data come from the Java
side (DIR/charts.txt, one line per chart: name classes epochs batch lr clip patience seed n_train n_val;
DIR/NAME.{x,y,vx,vy}: uint8 images n x 1 x 28 x 28 and int64 little-endian local labels).

Prints one line: `seconds=<float> epochs=<int>` (all charts' training time, epochs trained in all).

usage: python3 torch_train.py DIR THREADS WARMUP_BATCHES
"""
import copy
import sys
import time

import numpy as np
import torch
from torch import nn


def small_cnn(classes):
    return nn.Sequential(
        nn.Conv2d(1, 16, 5, padding=2), nn.SiLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 5, padding=2), nn.SiLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128),
        nn.Linear(128, classes))


def load(directory, name, suffix, n, images):
    path = f"{directory}/{name}.{suffix}"
    if images:
        return torch.from_numpy(np.fromfile(path, dtype=np.uint8).reshape(n, 1, 28, 28))
    return torch.from_numpy(np.fromfile(path, dtype="<i8").reshape(n))


def train(chart, max_batches=None):
    """Trains one chart; returns the epochs trained."""
    x, y, vx, vy = chart["x"], chart["y"], chart["vx"], chart["vy"]
    torch.manual_seed(chart["seed"])
    pixels = x.double()
    mean, std = pixels.mean().item(), pixels.std(unbiased=False).item()
    model = small_cnn(chart["classes"])
    optimizer = torch.optim.Adam(model.parameters(), lr=chart["lr"])
    loss_fn = nn.CrossEntropyLoss()
    n, batch = len(y), chart["batch"]
    best, best_state, since, epochs, done = float("inf"), None, 0, 0, 0
    for _ in range(chart["epochs"]):
        order = torch.randperm(n)
        xs, ys = x[order], y[order]
        for start in range(0, n, batch):
            if max_batches is not None and done == max_batches:
                return epochs
            inputs = (xs[start:start + batch].float() - mean) / std
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(inputs), ys[start:start + batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), chart["clip"])
            optimizer.step()
            loss.item()
            done += 1
        epochs += 1
        with torch.no_grad():
            total = 0.0
            for start in range(0, len(vy), 1000):
                logits = model((vx[start:start + 1000].float() - mean) / std)
                total += loss_fn(logits, vy[start:start + 1000]).item() * len(logits)
                (logits.argmax(1) == vy[start:start + 1000]).sum().item()
        validation = total / len(vy)
        if validation < best:
            best, since = validation, 0
            best_state = copy.deepcopy(model.state_dict())
        else:
            since += 1
            if since >= chart["patience"]:
                break
    model.load_state_dict(best_state)
    return epochs


def main():
    directory, threads, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    charts = []
    with open(f"{directory}/charts.txt") as f:
        for line in f:
            name, classes, epochs, batch, lr, clip, patience, seed, n, nv = line.split()
            n, nv = int(n), int(nv)
            charts.append({"classes": int(classes), "epochs": int(epochs), "batch": int(batch), "lr": float(lr),
                           "clip": float(clip), "patience": int(patience), "seed": int(seed),
                           "x": load(directory, name, "x", n, True), "y": load(directory, name, "y", n, False),
                           "vx": load(directory, name, "vx", nv, True), "vy": load(directory, name, "vy", nv, False)})
    if warmup > 0:
        train(charts[0], warmup)
    start = time.perf_counter()
    epochs = sum(train(chart) for chart in charts)
    print(f"seconds={time.perf_counter() - start:.3f} epochs={epochs}")


if __name__ == "__main__":
    main()

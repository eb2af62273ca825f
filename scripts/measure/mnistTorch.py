"""Issue 18 item 6: the authors' PyTorch FCN timed per epoch, for scripts/measure/mnistBench.ts.

Imports `FCN` from the authors' MNIST/model.py (path given; not copied into ubias) and runs
their epoch as MNIST/mnist.py does: test accuracy on the corrupted pair, A alone and B alone
(model(x, unimodal)), then one SGD epoch (cross-entropy on their log_softmax output, batch
shuffled by a DataLoader, lr x gamma per epoch). Data: the digits ubias trains on, already
normalised with (0.1307, 0.3081) (torchvision is not installed here, so their transform is
not applied per item; that only makes their side faster). Prints one JSON line per epoch.

Usage: python3 mnistTorch.py MODEL_DIR DATA_PREFIX FUSION WIDTH BATCH EPOCHS SEED
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

model_dir, prefix, fusion, width, batch, epochs, seed = sys.argv[1:8]
sys.path.insert(0, model_dir)
from model import FCN  # noqa: E402  (the authors' network and their uni2multi views)


def load(name):
    images = np.fromfile(f"{prefix}-{name}-images.f32", dtype=np.float32).reshape(-1, 1, 28, 28)
    labels = np.fromfile(f"{prefix}-{name}-labels.u8", dtype=np.uint8).astype(np.int64)
    return torch.utils.data.TensorDataset(torch.from_numpy(images), torch.from_numpy(labels))


torch.manual_seed(int(seed))
train_set, test_set = load("train"), load("test")
train_loader = torch.utils.data.DataLoader(train_set, batch_size=int(batch), shuffle=True)
test_loader = torch.utils.data.DataLoader(test_set, batch_size=1000, shuffle=True)
model = FCN(4, int(fusion), int(width))
optimizer = torch.optim.SGD(model.parameters(), lr=0.04)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.996)


def accuracy(unimodal):
    correct = 0
    with torch.no_grad():
        for data, target in test_loader:
            correct += model(data, unimodal).argmax(dim=1).eq(target).sum().item()
    return correct / len(test_set)


for epoch in range(1, int(epochs) + 1):
    start = time.perf_counter()
    accs = [accuracy(None), accuracy("A"), accuracy("B")]
    losses = []
    for data, target in train_loader:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(data), target)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    scheduler.step()
    seconds = time.perf_counter() - start
    print(json.dumps({"epoch": epoch, "seconds": seconds, "accuracies": accs, "meanLoss": float(np.mean(losses)), "threads": torch.get_num_threads()}), flush=True)

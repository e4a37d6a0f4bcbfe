"""Imports exported PyTorch scripts against a numpy stand-in for torch and samples them.

Usage: python3 sample_scripts.py COUNT FILE...
Prints JSON: for each file, DIM and COUNT draws of sample_real and sample_noise, flattened
row-major, so that tests can compare their laws with the engine's; the script's mmd_squared of
the first 300 real points against the next 300 (bandwidths 0.5 and 1); and its init_limit(64, 32,
a) for every activation a it uses and for the linear output.
"""

import importlib.util
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fake_torch"))

import torch  # noqa: E402  (the stand-in, found through the path set above)


def sample(path, count):
    spec = importlib.util.spec_from_file_location("exported", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    torch.manual_seed(module.SEED)
    real = module.sample_real(count)
    noise = module.sample_noise(count)
    assert real.shape == (count, module.DIM), real.shape
    assert noise.shape == (count, module.NOISE_DIM), noise.shape
    activations = [*module.ACTIVATIONS, "linear"]
    return {
        "dimension": module.DIM,
        "real": real.reshape(-1).tolist(),
        "noise": noise.reshape(-1).tolist(),
        "mmd": float(module.mmd_squared(real[:300], real[300:600], [0.5, 1.0])),
        "init_limits": {a: module.init_limit(64, 32, a) for a in activations},
    }


if __name__ == "__main__":
    count = int(sys.argv[1])
    json.dump([sample(path, count) for path in sys.argv[2:]], sys.stdout)

"""The map between a reference module's parameters and the C# export's names and orientation.

The C# stores a linear weight as W [in, out] for y = x W (Models/StackedLayers.cs); torch.nn.Linear stores [out, in]
for y = x W^T, so linear weights are transposed both ways. Embedding tables and LayerNorm vectors have the same
layout in both. Each entry also carries the spec §5 init rule that the C# initial weights are checked against.
"""
import numpy as np
import torch


class Entry:
    def __init__(self, name, param, transpose, init, fan_in=None, compared=True):
        self.name, self.param, self.transpose, self.compared = name, param, transpose, compared
        self.init, self.fan_in = init, fan_in  # init: "gamma" (N(0, fan_in^-2γ)), "one", "zero"

    def load(self, array):
        t = torch.from_numpy(np.ascontiguousarray(array.T if self.transpose else array))
        if tuple(t.shape) != tuple(self.param.shape):
            raise ValueError(f"{self.name}: export shape {array.shape} does not fit {tuple(self.param.shape)}")
        with torch.no_grad():
            self.param.copy_(t)

    def export(self):
        a = self.param.detach().numpy()
        return np.ascontiguousarray(a.T if self.transpose else a)


class Layout:
    def __init__(self):
        self.entries = []

    def embedding(self, name, module, fan_in):
        # Spec §5: embeddings use d_in := d_model.
        self.entries.append(Entry(name, module.weight, False, "gamma", fan_in))

    def linear(self, prefix, module, bias_compared=True):
        """bias_compared=False: a bias whose exact gradient is zero (an attention key bias shifts every score of a
        query equally, and softmax ignores that), so its trajectory is AdamW-normalised rounding noise in any fp32
        implementation; it is reported but not held to the final-weight tolerance."""
        self.entries.append(Entry(prefix + ".weight", module.weight, True, "gamma", module.in_features))
        if module.bias is not None:
            self.entries.append(Entry(prefix + ".bias", module.bias, False, "zero", compared=bias_compared))

    def layer_norm(self, prefix, module):
        self.entries.append(Entry(prefix + ".weight", module.weight, False, "one"))
        self.entries.append(Entry(prefix + ".bias", module.bias, False, "zero"))

    def names(self):
        return [e.name for e in self.entries]

"""The Emb-MLP of spec §4.2 (Definition 1), written from the spec: G(X) = tanh(sum_{s in X} w_emb,s W1) W2, no
biases. The logits are of the whole sequence; the last-token objective trains them on the label."""
import torch
import torch.nn.functional as F
from torch import nn

from layout import Layout


class EmbMlp(nn.Module):
    def __init__(self, model, brk):
        super().__init__()
        self.emb = nn.Embedding(model["vocabSize"], model["dModel"])
        self.w1 = nn.Linear(model["dModel"], model["dff"], bias=False)
        self.w2 = nn.Linear(model["dff"], model["vocabSize"], bias=False)
        self.activation = F.relu if "activation" in brk else torch.tanh

    def forward(self, ids):
        logits = self.w2(self.activation(self.w1(self.emb(ids).sum(dim=1))))  # [B, V]
        return logits.unsqueeze(1)  # one "position": the objective reads logits[:, -1]

    def layout(self):
        lay = Layout()
        lay.embedding("emb.weight", self.emb, fan_in=self.emb.embedding_dim)
        lay.linear("w1", self.w1)
        lay.linear("w2", self.w2)
        return lay

"""The recognition models with their arithmetic folded: the same function in fewer, larger steps.

PP-OCRv4's detector and recogniser (PP-LCNetV3) follow every convolution with a learnable
affine step, a hard-swish written out as four element-wise operations, and another affine
step: eight passes over a large tensor for each convolution, which ONNX Runtime does not
fuse (the weights are Constant nodes and the pattern is not one it knows). On one thread
those passes took about 45 % of recognition. Here, before the session is made:

- ``conv → ×a → +b`` becomes one convolution (weights ×a, bias ×a + b);
- ``x·clip(x+3, 0, 6)/6`` becomes ``x·HardSigmoid(x)`` (two operations, not four);
- ``×c → +d → conv`` puts c into the convolution's weights and d into its bias
  (or, where the convolution pads its input with zeros, keeps ``+d/c`` before it).

Each is an identity up to float rounding; the outputs agree to about 1e-5
(tests/test_scan_model.py). Importing onnx alone costs about 1.7 CPU s, so a model is
folded once and kept on disk (MINSHENG_OCR_CACHE, else the user's cache folder), named
by the shipped model's hash: a worker then loads the folded file as it would the shipped
one. Without the onnx package, or where nothing can be written, the models are used as
shipped: slower, never wrong.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

Node = Any  # onnx.NodeProto: onnx is an optional import
VERSION = "1"  # of the folding: a change here names new files
# A rewrite, given who reads each value and a node: None, or the nodes it takes out and those it puts in.
Rewrite = Callable[[dict[str, list[Node]], Node], "tuple[list[Node], list[Node]] | None"]


def available() -> bool:
    return importlib.util.find_spec("onnx") is not None


def lean_path(path: str) -> str:
    """The folded model's file for the shipped model at path (made now if missing), or path itself."""
    shipped = Path(path)
    digest = hashlib.sha256(shipped.read_bytes()).hexdigest()[:16]
    kept = cache_dir() / f"{shipped.stem}.folded{VERSION}.{digest}.onnx"
    if kept.exists():
        return str(kept)
    if not available():
        return path
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=kept.parent, suffix=".part", delete=False) as part:
            part.write(folded(path))
        os.chmod(part.name, 0o644)  # readable by the web workers, whoever wrote it
        os.replace(part.name, kept)  # whole or absent, whichever worker writes it first
    except OSError:
        return path
    return str(kept)


def cache_dir() -> Path:
    if os.environ.get("MINSHENG_OCR_CACHE"):
        return Path(os.environ["MINSHENG_OCR_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "minsheng" / "ocr"


def folded(path: str) -> bytes:
    """The model at path with its arithmetic folded, serialised."""
    import onnx

    model = onnx.load(path)
    fold(model)
    return bytes(model.SerializeToString())


def fold(model: Any) -> None:
    """Rewrite model's graph in place (see the module's note)."""
    from onnx import numpy_helper

    graph = model.graph
    consts = {n.output[0]: numpy_helper.to_array(n.attribute[0].t) for n in graph.node if _is_const(n)}
    nodes = [n for n in graph.node if not _is_const(n)]
    outputs = {o.name for o in graph.output}
    nodes = _fold_after_conv(nodes, consts, outputs)
    nodes = _hard_swish(nodes, consts, outputs)
    nodes = _fold_before_conv(nodes, consts, outputs)
    used = {i for n in nodes for i in n.input}
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(numpy_helper.from_array(a, name) for name, a in consts.items() if name in used)


def _is_const(node: Node) -> bool:
    return bool(node.op_type == "Constant" and len(node.attribute) == 1 and node.attribute[0].name == "value")


def _consumers(nodes: list[Node]) -> dict[str, list[Node]]:
    found: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        for name in node.input:
            found[name].append(node)
    return found


def _only(readers_of: dict[str, list[Node]], name: str, outputs: set[str], op: str) -> Node | None:
    """The one node that reads name, if it is an op and name is not also the graph's output."""
    readers = readers_of.get(name, [])
    return readers[0] if len(readers) == 1 and readers[0].op_type == op and name not in outputs else None


def _scalar(node: Node, consts: dict[str, np.ndarray], value: str) -> float | None:
    """The single-number constant that node combines with value, if it is one."""
    others = [i for i in node.input if i != value]
    if len(node.input) != 2 or len(others) != 1 or others[0] not in consts or consts[others[0]].size != 1:
        return None
    return float(consts[others[0]].reshape(()))


def _conv_weights(node: Node, consts: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray] | None:
    if node.input[1] not in consts or (len(node.input) > 2 and node.input[2] not in consts):
        return None
    weights = consts[node.input[1]].astype(np.float32)
    bias = consts[node.input[2]] if len(node.input) > 2 else np.zeros(weights.shape[0], np.float32)
    return weights, bias.astype(np.float32)


def _set_conv(node: Node, consts: dict[str, np.ndarray], weights: np.ndarray, bias: np.ndarray) -> None:
    """New weights and bias under new names (a constant may be shared by other nodes)."""
    w_name, b_name = f"{node.name or node.output[0]}.folded_w", f"{node.name or node.output[0]}.folded_b"
    consts[w_name], consts[b_name] = weights.astype(np.float32), bias.astype(np.float32)
    del node.input[1:]
    node.input.extend([w_name, b_name])


def _fold_after_conv(nodes: list[Node], consts: dict[str, np.ndarray], outputs: set[str]) -> list[Node]:
    """conv → ×a → +b: the scalars taken into the convolution's weights and bias."""
    readers, dropped = _consumers(nodes), set[int]()
    for conv in nodes:
        if conv.op_type != "Conv" or (found := _conv_weights(conv, consts)) is None:
            continue
        weights, bias = found
        while True:
            step = next((n for n in (_only(readers, conv.output[0], outputs, op) for op in ("Mul", "Add")) if n), None)
            k = None if step is None or id(step) in dropped else _scalar(step, consts, conv.output[0])
            if step is None or k is None:
                break
            if step.op_type == "Mul":
                weights, bias = weights * k, bias * k
            else:
                bias = bias + k
            conv.output[0] = step.output[0]
            dropped.add(id(step))
        _set_conv(conv, consts, weights, bias)
    return [n for n in nodes if id(n) not in dropped]


def _rewrite(nodes: list[Node], rewrite: Rewrite) -> list[Node]:
    """Each match of rewrite applied: the nodes it takes out, and those it puts in their first one's place."""
    out: list[Node] = []
    readers, skip = _consumers(nodes), set[int]()
    for node in nodes:
        if id(node) in skip:
            continue
        found = rewrite(readers, node)
        if found is None:
            out.append(node)
            continue
        taken, put = found
        out.extend(put)
        skip.update(id(n) for n in taken)
    return out


def _hard_swish(nodes: list[Node], consts: dict[str, np.ndarray], outputs: set[str]) -> list[Node]:
    """x·clip(x+3, 0, 6)/6 as x·HardSigmoid(x) (alpha 1/6, beta 1/2): the same function."""
    return _rewrite(nodes, partial(_swish, consts=consts, outputs=outputs))


def _swish(
    readers: dict[str, list[Node]], node: Node, consts: dict[str, np.ndarray], outputs: set[str]
) -> tuple[list[Node], list[Node]] | None:
    from onnx import helper

    chain = _swish_chain(readers, node, consts, outputs)
    if chain is None:
        return None
    x, div = node.input[0] if node.input[1] in consts else node.input[1], chain[-1]
    gate = f"{div.output[0]}.gate"
    gated = helper.make_node("HardSigmoid", [x], [gate], alpha=1 / 6, beta=0.5)
    return chain, [gated, helper.make_node("Mul", [x, gate], [div.output[0]])]


def _swish_chain(
    readers: dict[str, list[Node]], add: Node, consts: dict[str, np.ndarray], outputs: set[str]
) -> list[Node] | None:
    """[Add(x, 3), Clip(·, 0, 6), Mul(x, ·), Div(·, 6)] starting at add, or None."""
    if add.op_type != "Add" or len(add.input) != 2:
        return None
    x = add.input[0] if add.input[1] in consts else add.input[1]
    if _scalar(add, consts, x) != 3.0:
        return None
    clip = _only(readers, add.output[0], outputs, "Clip")
    if clip is None or len(clip.input) != 3 or [_value(consts, i) for i in clip.input[1:]] != [0.0, 6.0]:
        return None
    mul = _only(readers, clip.output[0], outputs, "Mul")
    if mul is None or set(mul.input) != {x, clip.output[0]}:
        return None
    div = _only(readers, mul.output[0], outputs, "Div")
    if div is None or div.input[0] != mul.output[0] or _value(consts, div.input[1]) != 6.0:
        return None
    return [add, clip, mul, div]


def _value(consts: dict[str, np.ndarray], name: str) -> float | None:
    return float(consts[name].reshape(())) if name in consts and consts[name].size == 1 else None


def _fold_before_conv(nodes: list[Node], consts: dict[str, np.ndarray], outputs: set[str]) -> list[Node]:
    """×c → +d → conv: c into the weights; d into the bias, or kept as +d/c where the conv pads."""
    return _rewrite(nodes, partial(_into_conv, consts=consts, outputs=outputs))


def _into_conv(
    readers: dict[str, list[Node]], mul: Node, consts: dict[str, np.ndarray], outputs: set[str]
) -> tuple[list[Node], list[Node]] | None:
    from onnx import helper

    found = _affine_into_conv(readers, mul, consts, outputs)
    if found is None:
        return None
    add, conv, c, d = found
    weights, bias = _conv_weights(conv, consts) or (np.zeros(0), np.zeros(0))
    x, put = next(i for i in mul.input if i not in consts), []
    if _pads(conv):
        name = f"{add.output[0]}.shift"
        consts[name] = np.array(d / c, np.float32)
        put.append(helper.make_node("Add", [x, name], [add.output[0]]))
    else:
        bias = bias + d * weights.sum(axis=(1, 2, 3))
        conv.input[0] = x
    _set_conv(conv, consts, weights * c, bias)
    return [mul, add], put


def _affine_into_conv(
    readers: dict[str, list[Node]], mul: Node, consts: dict[str, np.ndarray], outputs: set[str]
) -> tuple[Node, Node, float, float] | None:
    if mul.op_type != "Mul" or len(mul.input) != 2 or not any(i in consts for i in mul.input):
        return None
    c = _scalar(mul, consts, next((i for i in mul.input if i not in consts), ""))
    add = _only(readers, mul.output[0], outputs, "Add")
    d = None if add is None else _scalar(add, consts, mul.output[0])
    conv = None if add is None else _only(readers, add.output[0], outputs, "Conv")
    if c is None or c == 0.0 or d is None or conv is None or _conv_weights(conv, consts) is None:
        return None
    return add, conv, c, d


def _pads(conv: Node) -> bool:
    """Does the convolution pad its input (with zeros, which +d would not have shifted)?"""
    for attribute in conv.attribute:
        if attribute.name == "pads" and any(attribute.ints):
            return True
        if attribute.name == "auto_pad" and attribute.s not in (b"", b"NOTSET", b"VALID"):
            return True
    return False

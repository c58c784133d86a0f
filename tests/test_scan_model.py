"""The recognition models folded (readers/scan_model.py): the same outputs, fewer steps, made once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from minsheng.documents.readers import scan_model, scan_ocr

pytestmark = pytest.mark.skipif(
    not (scan_ocr.available() and scan_model.available()), reason="文字识别组件未安装（make ocr）"
)


def block_model(pad: int) -> bytes:
    """PP-LCNetV3's pattern: conv, ×a +b, hard-swish written out, ×c +d, then a conv padding by pad."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(7)
    nodes, n = [], 0

    def const(value: np.ndarray | float) -> str:
        nonlocal n
        n += 1
        array = np.asarray(value, np.float32)
        nodes.append(helper.make_node("Constant", [], [f"k{n}"], value=numpy_helper.from_array(array)))
        return f"k{n}"

    w1, b1, w2 = rng.normal(size=(8, 3, 3, 3)), rng.normal(size=8), rng.normal(size=(4, 8, 3, 3))
    steps = [
        ("Conv", ["x", const(w1), const(b1)], "c1", {"pads": [1, 1, 1, 1]}),
        ("Mul", [const(1.7), "c1"], "m1", {}),
        ("Add", ["m1", const(0.3)], "z", {}),
        ("Add", ["z", const(3.0)], "t", {}),
        ("Clip", ["t", const(0.0), const(6.0)], "clip", {}),
        ("Mul", ["z", "clip"], "zc", {}),
        ("Div", ["zc", const(6.0)], "h", {}),
        ("Mul", [const(0.4), "h"], "m2", {}),
        ("Add", ["m2", const(-0.2)], "a2", {}),
        ("Conv", ["a2", const(w2)], "y", {"pads": [pad] * 4}),
    ]
    for op, inputs, out, attrs in steps:
        nodes.append(helper.make_node(op, inputs, [out], **attrs))
    graph = helper.make_graph(
        nodes,
        "block",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 10, 12])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])
    model.ir_version = 8
    return bytes(model.SerializeToString())


def run(model: bytes | str, x: np.ndarray) -> np.ndarray:
    import onnxruntime as ort

    session = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    return np.asarray(session.run(None, {session.get_inputs()[0].name: x})[0])


@pytest.mark.parametrize("pad", [0, 1])
def test_a_folded_block_computes_what_the_written_out_one_does_in_fewer_steps(pad: int, tmp_path: Path) -> None:
    import onnx

    shipped = tmp_path / "block.onnx"
    shipped.write_bytes(block_model(pad))
    lean = onnx.load_from_string(scan_model.folded(str(shipped)))
    x = np.random.default_rng(1).normal(size=(1, 3, 10, 12)).astype(np.float32) * 3
    assert np.allclose(run(str(shipped), x), run(lean.SerializeToString(), x), atol=1e-4)
    ops = [node.op_type for node in lean.graph.node]
    # Two convolutions, the hard-swish as two steps, and +d/c kept only where the conv pads.
    assert ops == ["Conv", "HardSigmoid", "Mul"] + (["Add"] if pad else []) + ["Conv"], ops


def test_the_shipped_recogniser_folded_reads_a_line_as_the_shipped_one_does(tmp_path: Path) -> None:
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml
    from rapidocr_onnxruntime.utils.parse_parameters import update_model_path

    shipped = update_model_path(read_yaml(DEFAULT_CFG_PATH))["Rec"]["model_path"]
    line = np.random.default_rng(2).uniform(-1, 1, size=(1, 3, 48, 320)).astype(np.float32)
    before, after = run(shipped, line), run(scan_model.folded(shipped), line)
    assert np.abs(before - after).max() < 1e-4
    assert (before.argmax(-1) == after.argmax(-1)).all()  # the same character at every step


def test_a_model_is_folded_once_and_then_loaded_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "block.onnx"
    shipped.write_bytes(block_model(1))
    monkeypatch.setenv("MINSHENG_OCR_CACHE", str(tmp_path / "cache"))
    kept = Path(scan_model.lean_path(str(shipped)))
    assert kept.parent == tmp_path / "cache" and kept.exists() and kept.read_bytes() != shipped.read_bytes()
    monkeypatch.setattr(scan_model, "folded", lambda path: pytest.fail("folded again"))
    assert scan_model.lean_path(str(shipped)) == str(kept)
    shipped.write_bytes(block_model(0))  # another model (an upgraded wheel): another file
    monkeypatch.undo()
    monkeypatch.setenv("MINSHENG_OCR_CACHE", str(tmp_path / "cache"))
    assert scan_model.lean_path(str(shipped)) != str(kept)


def test_where_nothing_can_be_written_the_shipped_model_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "block.onnx"
    shipped.write_bytes(block_model(1))
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("MINSHENG_OCR_CACHE", str(tmp_path / "file" / "cache"))
    assert scan_model.lean_path(str(shipped)) == str(shipped)

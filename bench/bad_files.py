"""Bad input: every bad file refused within 5 s and 300 MB, with a message naming the limit.

Builds the bad-file corpus (the attacks of issue 19 and the earlier broken files of
tests/test_readers.py), reads each in a fresh process as the import preview does
(`parse_file`), and prints per file the seconds, the process's peak memory and the message;
then the maxima against the goals.

    python bench/bad_files.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS, MEGABYTES = 5.0, 300
CHILD = """
import json, sys, time
from pathlib import Path
import django
django.setup()
from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file
start = time.perf_counter()
try:
    parse_file(Path(sys.argv[1]))
    message, refused = "未被拒绝", False
except DocumentError as exc:
    message, refused = str(exc), True
seconds = time.perf_counter() - start
# the peak of this process's own memory (VmHWM: not inherited from the parent, unlike ru_maxrss)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "message": message, "refused": refused, "rss_mb": peak / 1024}))
"""


def corpus(folder: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, the words its refusal must hold)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
    os.environ.setdefault("MINSHENG_DATA_DIR", str(folder))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from tests.test_readers import _broken_files
    from tests.test_security_documents import HEADER, _html_table, _xlsx

    files = {name: (path, expect) for name, (path, expect) in _broken_files(folder).items()}
    files["十万行.xlsx"] = (_xlsx(folder, "十万行.xlsx", 100_000, 1), "每表行数")
    files["多格.xlsx"] = (_xlsx(folder, "多格.xlsx", 4_000, 30), "单元格总数")
    nested = folder / "nested.html"
    nested.write_text(f"<html><body>{'<div>' * 10_000}x{'</div>' * 10_000}{_html_table([HEADER])}</body></html>")
    files["nested.html"] = (nested, "嵌套深度上限")
    rows = folder / "rows.html"
    rows.write_text(_html_table([HEADER] + [[str(i), "项目", "内容", "单位"] for i in range(6_000)]))
    files["rows.html"] = (rows, "每表行数")
    cell = folder / "cell.html"  # a 13.6 MB cell of targets (it once made 400,000 of them)
    cell.write_text(_html_table([HEADER, ["1", "项目", "新增公共停车泊位1500个。" * 420_000, "城管局"]]))
    files["cell.html"] = (cell, "每格字符数")
    files.update(near_blank_scans(folder))
    return files


def near_blank_scans(folder: Path) -> dict[str, tuple[Path, str]]:
    """Sheets with nothing printed as a scanner or a phone gives them back (tests/test_scan_blank.py)."""
    from minsheng.documents.readers import scan_ocr

    if not scan_ocr.available():
        return {}
    from PIL import Image
    from tests.test_scan_blank import _dusty, _empty_form, _folded, _photo_of_blank

    files = {}
    for name, pixels in [
        ("近空白扫描.pdf", _dusty()),
        ("折痕空白扫描.pdf", _folded(65)),
        ("空表格扫描.pdf", _empty_form()),
        ("空白页照片.jpg", _photo_of_blank()),
    ]:
        path = folder / name
        Image.fromarray(pixels).save(path, **({"resolution": 200} if name.endswith(".pdf") else {"quality": 85}))
        files[name] = (path, "没有读到任何文字")
    return files


def measure(path: Path) -> dict[str, object]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], env=env, cwd=ROOT, capture_output=True, timeout=120)
    if done.returncode != 0:
        return {"seconds": 0.0, "message": done.stderr.decode()[-300:], "refused": False, "rss_mb": 0.0}
    result: dict[str, object] = json.loads(done.stdout.decode().splitlines()[-1])
    return result


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="minsheng-bad-") as tmp:
        files = corpus(Path(tmp))
        worst_s, worst_mb, failures, scans = 0.0, 0.0, [], []
        for name, (path, expect) in files.items():
            result = measure(path)
            seconds, rss = float(result["seconds"]), float(str(result["rss_mb"]))  # type: ignore[arg-type]
            worst_s, worst_mb = max(worst_s, seconds), max(worst_mb, rss)
            if "扫描" in name or "照片" in name or name == "scanned.pdf":
                scans.append((seconds, rss))
            named = bool(result["refused"]) and expect in str(result["message"])
            if not named or seconds > SECONDS or rss > MEGABYTES:
                failures.append(name)
            size = path.stat().st_size / 1024 / 1024
            mark = "✓" if named else "✗"
            print(f"{name:22} {size:6.2f} MB {seconds:5.2f} s {rss:5.0f} MB {mark} {result['message']}")
    if scans:
        print(
            f"空白与近空白扫描件 {len(scans)} 个：最长 {max(s for s, _ in scans):.2f} s，"
            f"最大内存 {max(m for _, m in scans):.0f} MB（无字迹的页不加载识别模型）"
        )
    print(
        f"坏文件 {len(files)} 个：最长 {worst_s:.2f} s（目标 ≤ {SECONDS:.0f} s），最大内存 {worst_mb:.0f} MB"
        f"（目标 ≤ {MEGABYTES} MB，整个进程，含 Python 和 Django）；"
        f"未达要求 {len(failures)} 个 {' '.join(failures)}"
    )


if __name__ == "__main__":
    main()

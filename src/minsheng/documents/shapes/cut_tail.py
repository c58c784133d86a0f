"""A copy that stops inside its last item: a fragment is left out and the notice says where.

Pages reach offices as copies: a web page saved as text, a mirror's excerpt, page 1 of a PDF. When
such a copy stops mid-sentence, its last item is a fragment (`为全县老人免费体检，覆盖2`); read as a
task it would carry a wrong name and a wrong target into the plan. It is told by its place and its
siblings, not by its words: it is the last text of the document, it ends without the mark every
other task ends with (a 。, or a closing bracket or quote), and there are enough other tasks to say
what that mark is. Furniture after it (a footer, a share bar) is the page's, not text the copy stopped
in. Only a stop mid-clause (after a figure, a comma, an opening bracket, or past the comma of a sentence
opened after a 。 on the same line) is surely a fragment; a last
item that ends in a word may be whole without its mark, so it is kept and its project marked to check."""

from __future__ import annotations

from ...text.furniture import without_furniture
from ...text.normal import normal
from ..parsed import Document, ParsedPlan, ReadWarning
from .sureness import OWN

ENDS = "。；！？"  # in the normal form (shapes read ; ! ? as ；！？)
CLOSERS = "）)”’」』】》"  # a closing bracket or quote finishes an item as its mark does
GOES_ON = "，、：；（“‘《【—"  # a copy stopped right after one of these stopped mid-clause
SIBLINGS = 3  # fewer finished tasks than this do not say how the page ends its items
TAIL = 6  # the fragment's last characters, found at the end of the document's text
UNFINISHED = "末条在文件末尾且未像其他各条那样以“。”结束，可能是复制时截断，请核对原件"


def drop_cut_tail(plan: ParsedPlan, document: Document) -> None:
    """The plan's last task when the copy stops inside it (see the module): left out, and said, when
    it stops mid-clause (after a figure or a comma); otherwise kept, its project marked to check."""
    tasks = [task for project in plan.projects for task in project.tasks]
    if len(tasks) <= SIBLINGS or not document.paragraphs:
        return
    last = normal(tasks[-1].content.strip())
    if not last or _finished(last) or not all(_finished(normal(t.content.strip())) for t in tasks[:-1]):
        return
    # the page's own lines after the cut (a footer, a share bar) are not text the copy stopped in
    lines = [line for p in without_furniture(document.paragraphs) for line in p.split("\n") if line.strip()]
    if not lines or not normal(lines[-1]).strip().endswith(last[-TAIL:]):
        return
    project = plan.projects[-1]
    if not _mid_clause(last, normal(lines[-1]).strip()):
        project.doubts.append(UNFINISHED)  # it may be whole (新增养老床位500张): the clerk decides
        project.sureness = round(max(0.0, project.sureness - OWN), 2)
        return
    project.tasks.pop()
    if not project.tasks:
        plan.projects.pop()
    message = f"文件在“{tasks[-1].content.strip()[-20:]}”处中断，末条内容不完整，未读入；请核对原件"
    plan.warnings.append(ReadWarning(message, f"{document.name} 正文末尾"))


def _mid_clause(last: str, printed: str) -> bool:
    """Whether the last task surely stops mid-clause: after a figure or a comma, or (on its printed
    line) in a sentence after one closed with 。 and past that sentence's comma (`…建设。建设服务平台，
    实现零就业家`): a text that ends its sentences with 。 left this one open."""
    if last[-1].isdigit() or last[-1] in GOES_ON:
        return True
    closed = printed.rfind("。")
    return closed > 0 and "，" in printed[closed + 1 :]


def _finished(text: str) -> bool:
    return text.rstrip(CLOSERS)[-1:] in ENDS or text[-1:] in CLOSERS

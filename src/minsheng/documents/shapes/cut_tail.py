"""A copy that stops inside its last item: the item is left out, and the notice says where.

Pages reach offices as copies: a web page saved as text, a mirror's excerpt, page 1 of a PDF. When
such a copy stops mid-sentence, its last item is a fragment (`为全县老人免费体检，覆盖2`); read as a
task it would carry a wrong name and a wrong target into the plan. It is told by its place and its
siblings, not by its words: it is the last text of the document, it ends without the mark every
other task ends with, and there are enough other tasks to say what that mark is. Furniture after it
(a footer, a share bar) is the page's, not text the copy stopped in."""

from __future__ import annotations

from ...text.furniture import without_furniture
from ...text.normal import normal
from ..parsed import Document, ParsedPlan, ReadWarning

ENDS = "。；！？"  # in the normal form (shapes read ; ! ? as ；！？)
SIBLINGS = 3  # fewer finished tasks than this do not say how the page ends its items
TAIL = 6  # the fragment's last characters, found at the end of the document's text


def drop_cut_tail(plan: ParsedPlan, document: Document) -> None:
    """Leave out the plan's last task when the copy stops inside it (see the module), saying so."""
    tasks = [task for project in plan.projects for task in project.tasks]
    if len(tasks) <= SIBLINGS or not document.paragraphs:
        return
    last = normal(tasks[-1].content.strip())
    if not last or last[-1] in ENDS or not all(normal(t.content.strip())[-1:] in ENDS for t in tasks[:-1]):
        return
    # the page's own lines after the cut (a footer, a share bar) are not text the copy stopped in
    lines = [line for p in without_furniture(document.paragraphs) for line in p.split("\n") if line.strip()]
    ending = normal(lines[-1]).strip() if lines else ""
    if not ending.endswith(last[-TAIL:]):
        return
    project = plan.projects[-1]
    project.tasks.pop()
    if not project.tasks:
        plan.projects.pop()
    message = f"文件在“{tasks[-1].content.strip()[-20:]}”处中断，末条内容不完整，未读入；请核对原件"
    plan.warnings.append(ReadWarning(message, f"{document.name} 正文末尾"))

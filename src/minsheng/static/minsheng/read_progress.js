// The report form's 进展情况 → proposed 累计完成: fills each matched figure, marked 建议值 until edited.
(function () {
  "use strict";
  const button = document.querySelector("[data-read-progress]");
  const form = document.getElementById("report-form");
  if (!button || !form) return;
  const message = form.querySelector("[data-read-message]");

  function clearMark(input) {
    delete input.dataset.proposed;
    const mark = form.querySelector(`[data-proposed-for="${input.name}"]`);
    if (mark) mark.remove();
  }

  function mark(input, proposal) {
    clearMark(input);
    input.value = proposal.value;
    input.dataset.proposed = "1";
    const note = document.createElement("small");
    note.className = "proposed";
    note.dataset.proposedFor = input.name;
    note.textContent = `建议值（读自：${proposal.text}），请核对；修改或提交即视为确认`;
    input.insertAdjacentElement("afterend", note);
    input.addEventListener("input", () => clearMark(input), { once: true });
  }

  button.addEventListener("click", async () => {
    const body = new FormData();
    body.append("text", form.querySelector("[name=narrative]").value);
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    message.textContent = "正在读取…";
    try {
      const response = await fetch(button.dataset.readProgress, { method: "POST", body, credentials: "same-origin" });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      for (const proposal of data.proposals) {
        const input = form.querySelector(`[name="fig_${proposal.indicator}"]`);
        if (input) mark(input, proposal);
      }
      message.textContent = data.message || `已填入 ${data.proposals.length} 个建议值，请核对后提交`;
    } catch (error) {
      message.textContent = `读取失败（${error.message}），请手工填写`;
    }
  });
})();

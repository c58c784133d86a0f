// The report form's 报送期: picking a period that already has a report fills that report's own
// figures (its newest version), so a correction starts from what was filed for it; picking one
// without a report puts back the figures the page opened with (the last counted, cumulative).
(function () {
  "use strict";
  const form = document.getElementById("report-form");
  const data = document.getElementById("period-figures");
  if (!form || !data) return;
  const select = form.querySelector("[name=period_end]");
  const byPeriod = JSON.parse(data.textContent);
  const inputs = Array.from(form.querySelectorAll("input[name^='fig_']"));
  const opened = new Map(inputs.map((input) => [input.name, input.value]));

  select.addEventListener("change", () => {
    const figures = byPeriod[select.value];
    for (const input of inputs) {
      input.value = figures ? (figures[input.name] ?? "") : opened.get(input.name);
    }
  });
})();

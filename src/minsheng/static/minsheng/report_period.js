// The report form's 报送期: picking a period that already has a report fills that report's own
// figures, words and status (its newest version), so a correction starts from what was filed for
// it; picking one without a report puts back what the page opened with (the last counted figures,
// cumulative) and leaves the words empty. A returned report's kept evidence goes only with its own
// period (the server holds to that too): switched away, its note and the hidden field step aside.
(function () {
  "use strict";
  const form = document.getElementById("report-form");
  const data = document.getElementById("period-figures");
  if (!form || !data) return;
  const select = form.querySelector("[name=period_end]");
  const byPeriod = JSON.parse(data.textContent);
  const fields = Array.from(form.querySelectorAll("input[name^='fig_'], [name=narrative], [name=status]"));
  const opened = new Map(fields.map((field) => [field.name, field.value]));
  const openedPeriod = select.value;
  const kept = form.querySelector("[name=keep_evidence_of]");
  const keptValue = kept ? kept.value : "";
  const keptNote = document.querySelector("#returned small");

  function valueFor(field, own, filed) {
    if (own) return opened.get(field.name);
    if (field.name === "status") return (filed && filed.status) || field.value;
    if (filed) return filed[field.name] ?? "";
    return field.name === "narrative" ? "" : opened.get(field.name);
  }

  select.addEventListener("change", () => {
    const own = select.value === openedPeriod;
    const filed = byPeriod[select.value];
    for (const field of fields) field.value = valueFor(field, own, filed);
    if (kept) kept.value = own ? keptValue : "";
    if (keptNote) keptNote.hidden = !own;
  });
})();

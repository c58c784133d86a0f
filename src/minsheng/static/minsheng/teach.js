// The preview's 用一个项目示范读法: select text in the document shown and press 设为名称/设为内容/…
// to put it in that field. Without JS the buttons stay hidden and the fields are filled by copying.
(function () {
  "use strict";
  var text = document.getElementById("teach-text");
  if (!text) return;
  var picked = "";
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (selection && selection.rangeCount && text.contains(selection.anchorNode)) {
      picked = selection.toString().trim();
    }
  });
  document.querySelectorAll(".teach-pick").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.field);
      if (!field || !picked) return;
      var many = field.name === "lead_units" || field.name === "partner_units";
      field.value = many && field.value ? field.value + "、" + picked : picked;
      field.focus();
    });
  });
})();

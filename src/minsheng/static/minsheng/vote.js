// The server refuses more than N approvals; this only warns before sending.
(function () {
  "use strict";
  var form = document.getElementById("ballot");
  if (!form) return;
  var seats = parseInt(form.dataset.seats, 10);
  form.addEventListener("submit", function (e) {
    if (form.querySelectorAll("input[name=approve]:checked").length > seats) {
      e.preventDefault();
      alert("至多赞成 " + seats + " 项");
    }
  });
})();

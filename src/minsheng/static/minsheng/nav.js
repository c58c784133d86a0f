// On a phone the header folds into a 菜单 button; without JavaScript the links stay shown.
(function () {
  document.documentElement.classList.replace("no-js", "js");
  const header = document.querySelector(".site-header");
  const button = header && header.querySelector(".nav-toggle");
  if (!button) return;
  button.addEventListener("click", function () {
    const open = header.classList.toggle("nav-open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();

// A form that undoes nothing (吊销, 删除) asks first: <form data-confirm="…">. Without
// JavaScript it submits as it is.
document.addEventListener("submit", function (event) {
  const form = event.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : "";
  if (question && !window.confirm(question)) event.preventDefault();
});

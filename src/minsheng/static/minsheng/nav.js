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

// The 通报's 打印 button: a script file, not an inline handler (the admin's
// Content-Security-Policy allows no inline script; docs/SECURITY.md).
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});

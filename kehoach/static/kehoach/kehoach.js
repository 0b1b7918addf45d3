// Small page helpers shared by every page.
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("htmx-error");
  if (!box) {
    box = document.createElement("div");
    box.id = "htmx-error";
    box.className = "messages";
    document.getElementById("main").prepend(box);
  }
  box.textContent = (document.documentElement.lang === "en")
    ? "The server could not complete the request (" + event.detail.xhr.status + ")."
    : "Máy chủ không xử lý được yêu cầu (" + event.detail.xhr.status + ").";
});

// No inline script or style in the markup (Content-Security-Policy): behaviour and computed
// styles come from data attributes.
//   data-css="left:12%;width:30%"  style set from script (allowed by the policy, unlike style="")
//   data-action="print"            prints the page
//   data-autosubmit                submits its form when changed
//   data-confirm="…"               asks before submitting the form
(function () {
  function applyCss(root) {
    var nodes = Array.prototype.slice.call(root.querySelectorAll ? root.querySelectorAll("[data-css]") : []);
    if (root.hasAttribute && root.hasAttribute("data-css")) { nodes.push(root); }
    nodes.forEach(function (el) {
      el.getAttribute("data-css").split(";").forEach(function (declaration) {
        var colon = declaration.indexOf(":");
        if (colon > 0) {
          el.style.setProperty(declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim());
        }
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { applyCss(document); });
  } else {
    applyCss(document);
  }
  document.addEventListener("htmx:load", function (event) { applyCss(event.detail.elt); });
  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest("[data-action='print']");
    if (trigger) { event.preventDefault(); window.print(); }
  });
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  }, true);
})();

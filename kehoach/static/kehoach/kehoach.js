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

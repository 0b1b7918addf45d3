// The documents page: show the form's errors (400) and conversion failures (503) in place,
// and start the download once the report is ready.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.target.id === "report-result" && event.detail.xhr.status >= 400) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target.id !== "report-result") return;
  var link = event.detail.target.querySelector("a[data-auto-download]");
  if (link) link.click();
});

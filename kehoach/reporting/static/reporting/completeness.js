// reporting/templates/reporting/completeness.html (moved out of the template: Content-Security-Policy)
(function () {
  var data = JSON.parse(document.getElementById("status-chart-data").textContent);
  var colours = {not_started: "#9aa3af", draft: "#e0a21b", submitted: "#0b5cad", returned: "#b3261e", accepted: "#1b7f3b"};
  var canvas = document.getElementById("status-chart");
  if (!window.Chart || !canvas) { return; }
  new window.Chart(canvas, {
    type: "doughnut",
    data: {labels: data.labels, datasets: [{data: data.counts, backgroundColor: data.keys.map(function (k) { return colours[k]; })}]},
    options: {animation: false, responsive: true, maintainAspectRatio: false,
              plugins: {legend: {position: "right"}}}
  });
})();

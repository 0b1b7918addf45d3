// consultation/templates/consultation/synthesis.html (moved out of the template: Content-Security-Policy)
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var canvas = document.getElementById("kinds-chart");
  if (!window.Chart || !canvas) { return; }
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.kinds.map(function (k) { return k[0]; }),
      datasets: [{ data: data.kinds.map(function (k) { return k[1]; }), backgroundColor: "#0b5cad" }]
    },
    options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } },
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
})();

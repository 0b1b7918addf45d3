// Small trend charts of the evaluation page: the series and the target as a dashed line.
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  if (!window.Chart) { return; }
  data.forEach(function (c) {
    var canvas = document.getElementById(c.id);
    if (!canvas) { return; }
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: c.labels,
        datasets: [
          { data: c.values, borderColor: "#0b5cad", pointRadius: 2, borderWidth: 1.5 }
        ].concat(c.target === null ? [] : [
          { data: c.labels.map(function () { return c.target; }), borderColor: "#b3261e",
            borderDash: [4, 3], pointRadius: 0, borderWidth: 1 }
        ])
      },
      options: { animation: false, responsive: false, plugins: { legend: { display: false },
        tooltip: { enabled: true } }, scales: { x: { display: false }, y: { display: false } } }
    });
  });
})();

// The leaders' dashboard: trend charts with the target line, the cards' sparklines and the
// disbursement bars, drawn with the locally served Chart.js from the page's JSON (no inline
// script: Content-Security-Policy). Numbers are written the page's way (7,5 in Vietnamese).
(function () {
  var node = document.getElementById("board-data");
  if (!node) { return; }
  var data = JSON.parse(node.textContent);
  var locale = document.documentElement.lang === "en" ? "en-US" : "vi-VN";
  var number = function (v) {
    return v === null || v === undefined ? "" : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
  };

  // Changing the year shows all of that year's plans (a plan chosen for another year may not cover it).
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.hasAttribute || !field.hasAttribute("data-clears") || !field.form) { return; }
    var other = field.form.elements[field.getAttribute("data-clears")];
    if (other) { other.value = ""; }
    field.form.submit();
  });

  if (!window.Chart) { return; }
  window.Chart.defaults.animation = false;
  window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

  function lineChart(c, small) {
    var canvas = document.getElementById(c.id);
    if (!canvas) { return; }
    var sets = [{ label: data.value_label, data: c.values, borderColor: "#0b5cad",
      backgroundColor: "#0b5cad", pointRadius: small ? 0 : 3, borderWidth: small ? 1.5 : 2, tension: 0.2 }];
    if (c.target !== null) {
      sets.push({ label: data.target_label + " (" + c.target_year + ")",
        data: c.labels.map(function () { return c.target; }), borderColor: "#b3261e",
        borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
    }
    new window.Chart(canvas, {
      type: "line", data: { labels: c.labels, datasets: sets },
      options: {
        responsive: false, events: small ? [] : undefined,
        plugins: { legend: { display: !small, position: "bottom", labels: { boxWidth: 18 } },
          tooltip: { enabled: !small, callbacks: { label: function (ctx) {
            return ctx.dataset.label + ": " + number(ctx.parsed.y) + " " + (c.unit || ""); } } } },
        scales: small ? { x: { display: false }, y: { display: false } } : {
          y: { ticks: { callback: function (v) { return number(v); } } } }
      }
    });
  }
  data.trends.forEach(function (c) { lineChart(c, false); });
  data.sparks.forEach(function (c) { lineChart(c, true); });

  var capital = document.getElementById("capital-chart");
  if (capital && data.capital.labels.length) {
    new window.Chart(capital, {
      type: "bar",
      data: { labels: data.capital.labels, datasets: [
        { label: data.capital.plan_label, data: data.capital.plan, backgroundColor: "#c9d7ea" },
        { label: data.capital.disbursed_label, data: data.capital.disbursed, backgroundColor: "#0b5cad" }] },
      options: { responsive: false, indexAxis: "y",
        plugins: { legend: { position: "bottom", labels: { boxWidth: 18 } },
          tooltip: { callbacks: { label: function (ctx) {
            return ctx.dataset.label + ": " + number(ctx.parsed.x) + " tỷ đồng"; } } } },
        scales: { x: { ticks: { callback: function (v) { return number(v); } } } } }
    });
  }
})();

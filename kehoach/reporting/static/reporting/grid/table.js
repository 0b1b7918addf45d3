// The grid's state: the server-rendered table read once into rows, columns and a cell map, and
// everything the other modules share (one object, passed to each of them).

export function say(text, values) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (values && k in values ? values[k] : m));
}

function readColumns(table) {
  return Array.from(table.querySelectorAll("thead tr:first-child th[data-k]"), (th) => ({
    key: th.dataset.k, source: th.dataset.source, formula: th.dataset.formula || "",
    rateFormula: th.dataset.rateFormula || "",
    label: th.textContent.trim(),
  }));
}

function readRows(table, grid) {
  Array.from(table.tBodies[0].rows).forEach((tr, pos) => {
    const cells = Array.from(tr.querySelectorAll("td.c"));
    if (!cells.length) { return; }
    grid.byPos[pos] = grid.rows.length;
    grid.rows.push({tr: tr, id: tr.dataset.row, pos: pos, cells: cells, rate: tr.dataset.rate === "1"});
    cells.forEach((td, c) => {
      td.tabIndex = -1;
      td._r = grid.rows.length - 1;
      td._c = c;
      grid.cellMap[tr.dataset.row + ":" + td.dataset.k] = td;
    });
  });
}

export function buildGrid(table) {
  const lang = document.documentElement.lang === "en" ? "en-US" : "vi-VN";
  const grid = {
    table: table,
    T: JSON.parse(document.getElementById("grid-text").textContent),
    editable: table.dataset.editable === "1",
    lang: lang,
    fmtAny: new Intl.NumberFormat(lang, {maximumFractionDigits: 6}),
    fmtOne: new Intl.NumberFormat(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1}),
    columns: readColumns(table),
    labels: {},
    rows: [], byPos: {}, cellMap: {},
    problems: {},  // cell key → {message, state}
    problemList: document.getElementById("cell-problems"),
    active: null,  // the selected cell
    editor: null,  // {td, input, before, typed} while a cell is edited
  };
  grid.columns.forEach((c) => { grid.labels[c.key] = c.label; });
  readRows(table, grid);
  return grid;
}

// Freeze the column widths the browser chose: typing into a cell then relays out one cell,
// not the whole table (an auto-layout table of 200 rows re-measures every cell).
export function freezeLayout(table) {
  let frozen = null;
  function freeze() {
    const group = document.createElement("colgroup");
    Array.from(table.tHead.rows[0].cells).forEach((th) => {
      const col = document.createElement("col");
      col.style.width = th.getBoundingClientRect().width + "px";
      group.appendChild(col);
    });
    table.insertBefore(group, table.firstChild);
    table.style.width = table.getBoundingClientRect().width + "px";
    table.style.tableLayout = "fixed";
    frozen = group;
  }
  function unfreeze() {
    if (frozen) { frozen.parentNode.removeChild(frozen); frozen = null; }
    table.style.tableLayout = "";
    table.style.width = "";
  }
  freeze();
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { unfreeze(); freeze(); }, 200);
  });
  window.addEventListener("beforeprint", unfreeze);
  window.addEventListener("afterprint", () => { unfreeze(); freeze(); });
}

// Debounced, batched autosave: changes queue per cell, one POST of the batch after a pause; the
// server's answer updates versions, values and the problems of the cells it refused.

import {keyOf, refreshTitle, setProblem} from "./problems.js";
import {say} from "./table.js";

const DEBOUNCE = 700;
const RETRY = 5000;

export function createAutosave(grid) {
  const T = grid.T, cellMap = grid.cellMap;
  const statusBox = document.getElementById("save-state");
  let queue = {}, inflight = null, timer = null;
  let savedAny = false;  // "Đã lưu" only once something was saved on this page

  function updateStatus() {
    if (!statusBox) { return; }
    const counts = {invalid: 0, failed: 0, conflict: 0};
    Object.values(grid.problems).forEach((p) => { counts[p.state] = (counts[p.state] || 0) + 1; });
    let state, text;
    if (counts.conflict) { state = "conflict"; text = say(T.conflict, {n: counts.conflict}); }
    else if (counts.invalid) { state = "invalid"; text = say(T.invalid, {n: counts.invalid}); }
    else if (counts.failed) { state = "failed"; text = say(T.failed, {n: counts.failed}); }
    else if (inflight) { state = "saving"; text = T.saving; }
    else if (Object.keys(queue).length) { state = "pending"; text = T.pending; }
    else if (savedAny) { state = "saved"; text = T.saved; }
    else { state = ""; text = ""; }
    statusBox.className = "save-state " + state;
    statusBox.textContent = text;
  }

  function queueChange(td, change) {
    const key = keyOf(grid, td);
    const item = queue[key] || {row: grid.rows[td._r].id, column: td.dataset.k};
    Object.assign(item, change);
    queue[key] = item;
    td.classList.remove("s-saved");
    td.classList.add("s-dirty");
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE);
    updateStatus();
  }

  function drop(td) { delete queue[keyOf(grid, td)]; }

  function applyServerRows(data) {
    Object.keys(data.rows || {}).forEach((rowId) => {
      const cells = data.rows[rowId];
      Object.keys(cells).forEach((k) => {
        const td = cellMap[rowId + ":" + k], cell = cells[k];
        if (!td) { return; }
        if (td.classList.contains("ed")) { td.dataset.v = cell.version; }
        if (queue[rowId + ":" + k] || td.classList.contains("editing") || grid.problems[rowId + ":" + k]) { return; }
        td.dataset.raw = cell.raw;
        td.textContent = cell.text;
        if (td.classList.contains("ed")) {
          if (cell.note) { td.dataset.note = cell.note; } else { delete td.dataset.note; }
          td.classList.toggle("has-note", !!cell.note);
        }
        refreshTitle(grid, td);
      });
    });
  }

  function saved(batch, data) {
    savedAny = true;
    document.querySelectorAll("input[name=version]").forEach((input) => { input.value = data.version; });
    const badge = document.getElementById("status-badge");
    if (badge && data.status_label) { badge.textContent = data.status_label; badge.className = "badge st-" + data.status; }
    batch.forEach((item) => {
      const td = cellMap[item.row + ":" + item.column];
      td.classList.remove("s-saving");
      if (!queue[item.row + ":" + item.column]) { td.classList.add("s-saved"); }
    });
    applyServerRows(data);
  }

  function refused(batch, data) {
    const hit = {};
    (data.problems || []).forEach((p) => {
      const td = cellMap[p.row + ":" + p.column];
      if (!td) { return; }
      hit[p.row + ":" + p.column] = true;
      td.classList.remove("s-saving");
      setProblem(grid, td, p.message, p.code === "conflict" ? "conflict" : "failed");
    });
    batch.forEach((item) => {
      const key = item.row + ":" + item.column, td = cellMap[key];
      td.classList.remove("s-saving");
      if (hit[key]) { return; }
      if (data.message) { setProblem(grid, td, data.message, "failed"); }
      else if (!queue[key]) { queueChange(td, item); }  // refused only because of another cell
    });
  }

  function unreachable(batch) {
    batch.forEach((item) => {
      const td = cellMap[item.row + ":" + item.column];
      td.classList.remove("s-saving");
      if (!queue[item.row + ":" + item.column]) { queueChange(td, item); }
    });
    clearTimeout(timer);
    timer = setTimeout(flush, RETRY);
  }

  function post(batch) {
    return fetch(grid.table.dataset.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": grid.table.dataset.csrf, "Accept": "application/json"},
      body: JSON.stringify({changes: batch}),
    }).then((response) => response.json().catch(() => ({ok: false, message: T.network}))
      .then((data) => (response.ok && data.ok ? saved(batch, data) : refused(batch, data))),
    () => unreachable(batch));
  }

  function flush() {
    clearTimeout(timer);
    if (inflight) { return inflight.then(flush); }
    const keys = Object.keys(queue);
    if (!keys.length) { updateStatus(); return Promise.resolve(); }
    const batch = keys.map((key) => {
      const item = queue[key], td = cellMap[key];
      item.version = parseInt(td.dataset.v || "0", 10);
      td.classList.remove("s-dirty");
      td.classList.add("s-saving");
      return item;
    });
    queue = {};
    inflight = post(batch).then(() => { inflight = null; updateStatus(); });
    updateStatus();
    return inflight;
  }

  window.addEventListener("beforeunload", (e) => {
    if (Object.keys(queue).length || inflight) { e.preventDefault(); e.returnValue = T.leave; return T.leave; }
  });

  return {queueChange, drop, flush, updateStatus};
}

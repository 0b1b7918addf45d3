// Where a cell is, its tooltip, and the problems shown at the cell and in the list under the grid.

import {formulaFor} from "./formulas.js";
import {say} from "./table.js";

export function keyOf(grid, td) { return grid.rows[td._r].id + ":" + td.dataset.k; }

function rowLabel(tr) { return tr.querySelector("td.lbl").firstChild.textContent.trim(); }

export function where(grid, td, withLabel) {
  const tr = grid.rows[td._r].tr;
  const label = withLabel === false ? "" : " “" + rowLabel(tr) + "”";
  return say(grid.T.heading, {n: tr.dataset.n}) + label + ", " + grid.labels[td.dataset.k];
}

export function refreshTitle(grid, td) {
  const T = grid.T, parts = [];
  const p = grid.problems[keyOf(grid, td)];
  if (p) { parts.push(p.message); }
  if (td.dataset.issue) { parts.push(td.dataset.issue); }
  if (td.dataset.prev) { parts.push(T.prev + ": " + td.dataset.prev); }
  if (td.dataset.note) { parts.push(T.note + ": " + td.dataset.note); }
  if (td.dataset.comments) { parts.push(T.comment + ": " + td.dataset.comments); }
  const owner = grid.rows[td._r].tr.dataset.owner;
  if (owner) { parts.push(say(T.owner, {o: owner})); }
  if (td.classList.contains("src-from_database")) { parts.push(T.fromDb); }
  if (td.classList.contains("src-computed")) {
    parts.push(say(T.computed, {f: formulaFor(grid.columns[td._c], grid.rows[td._r])}));
  }
  td.title = parts.join("\n");
}

function renderProblems(grid) {
  const list = grid.problemList;
  if (!list) { return; }
  list.textContent = "";
  Object.keys(grid.problems).forEach((key) => {
    const li = document.createElement("li");
    li.textContent = where(grid, grid.cellMap[key]) + ": " + grid.problems[key].message;
    li.dataset.key = key;
    list.appendChild(li);
  });
  list.hidden = !list.children.length;
}

export function setProblem(grid, td, message, state) {
  const key = keyOf(grid, td);
  if (message) { grid.problems[key] = {message: message, state: state}; } else { delete grid.problems[key]; }
  td.classList.remove("s-invalid", "s-failed", "s-conflict");
  if (message) { td.classList.add("s-" + state); }
  refreshTitle(grid, td);
  renderProblems(grid);
}

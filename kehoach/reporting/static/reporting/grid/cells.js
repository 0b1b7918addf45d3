// A value typed, pasted or deleted in a cell: parsed the Vietnamese way, shown formatted, the
// row's computed columns previewed, the change queued for saving.

import {evaluate, formulaFor} from "./formulas.js";
import {parseNumber} from "./numbers.js";
import {setProblem} from "./problems.js";
import {say} from "./table.js";

// The computed columns of row r from the row's other cells (the server computes the same).
export function recompute(grid, r) {
  const env = {}, columns = grid.columns, row = grid.rows[r], cells = row.cells;
  cells.forEach((td, c) => {
    if (columns[c].source !== "computed") {
      env[columns[c].key] = td.dataset.raw === "" || td.dataset.raw === undefined ? null : parseFloat(td.dataset.raw);
    }
  });
  cells.forEach((td, c) => {
    if (columns[c].source !== "computed") { return; }
    const v = evaluate(formulaFor(columns[c], row), env);
    env[columns[c].key] = v;
    td.dataset.raw = v === null ? "" : String(v);
    td.textContent = v === null ? "" : grid.fmtOne.format(v);
  });
}

// Returns whether the cell takes input (false for read-only cells).
export function setValue(grid, td, text) {
  if (!td.classList.contains("ed")) { return false; }
  const parsed = parseNumber(text);
  if (parsed.error) {
    td.textContent = text;
    grid.autosave.drop(td);
    td.classList.remove("s-dirty", "s-saved");
    setProblem(grid, td, say(grid.T[parsed.error], {t: text}), "invalid");
    grid.autosave.updateStatus();
    return true;
  }
  setProblem(grid, td, "", "");
  td.dataset.raw = parsed.value;
  td.textContent = parsed.empty ? "" : grid.fmtAny.format(parseFloat(parsed.value));
  recompute(grid, td._r);
  grid.autosave.queueChange(td, {value: String(text).trim()});
  return true;
}

// The submission grid: spreadsheet-like keyboard, paste from Excel, debounced batched autosave,
// Vietnamese numbers, computed-column preview, per-cell notes and problems.
// The table is rendered by the server; this script only attaches to it.
(function () {
  "use strict";
  var table = document.getElementById("grid");
  if (!table) { return; }
  var T = JSON.parse(document.getElementById("grid-text").textContent);
  var editable = table.dataset.editable === "1";
  var lang = document.documentElement.lang === "en" ? "en-US" : "vi-VN";
  var fmtAny = new Intl.NumberFormat(lang, {maximumFractionDigits: 6});
  var fmtOne = new Intl.NumberFormat(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
  var DEBOUNCE = 700;

  function say(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return values && k in values ? values[k] : m; });
  }

  // --- numbers as the server reads them (kehoach.core.exchange.numbers, locale vi) ---------
  var PLAIN = /^[+-]?\d+$/, AMBIGUOUS = /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/;
  var VI = /^[+-]?([1-9]\d{0,2}(\.\d{3})+(,\d+)?|\d+,\d+)$/;
  var EN = /^[+-]?([1-9]\d{0,2}(,\d{3})+(\.\d+)?|\d+\.\d+)$/;
  function parseNumber(text) {
    var t = String(text).replace(/[\s\u00a0\u202f]/g, "");
    if (t === "") { return {empty: true, value: ""}; }
    if (t.charAt(t.length - 1) === "%") { t = t.slice(0, -1); }
    var canon = null;
    if (PLAIN.test(t)) { canon = t; }
    else if (AMBIGUOUS.test(t)) { canon = t.replace(/\./g, "").replace(",", "."); }
    else {
      var vi = VI.test(t), en = EN.test(t);
      if (vi && !en) { canon = t.replace(/\./g, "").replace(",", "."); }
      else if (en && !vi) { canon = t.replace(/,/g, ""); }
    }
    if (canon === null) { return {error: say(T.notNumber, {t: text})}; }
    if (Math.abs(parseFloat(canon)) >= 1e17) { return {error: T.tooBig}; }
    return {value: canon};
  }

  // --- formulas of computed columns (+ - * / parentheses, abs min max sum round) -----------
  function evaluate(formula, env) {
    var tokens = formula.match(/\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_.]*|[-+*/(),]/g) || [];
    var i = 0;
    function peek() { return tokens[i]; }
    function next() { return tokens[i++]; }
    function primary() {
      var t = next();
      if (t === "(") { var v = additive(); next(); return v; }
      if (t === "-") { var u = primary(); return u === null ? null : -u; }
      if (t === "+") { return primary(); }
      if (/^\d/.test(t)) { return parseFloat(t); }
      if (peek() === "(") {
        next();
        var args = [additive()];
        while (peek() === ",") { next(); args.push(additive()); }
        next();
        if (args.some(function (a) { return a === null; })) { return null; }
        if (t === "abs") { return Math.abs(args[0]); }
        if (t === "min") { return Math.min.apply(null, args); }
        if (t === "max") { return Math.max.apply(null, args); }
        if (t === "sum") { return args.reduce(function (a, b) { return a + b; }, 0); }
        if (t === "round") { var f = Math.pow(10, args[1] || 0); return Math.round(args[0] * f) / f; }
        return null;
      }
      return env[t] === undefined ? null : env[t];
    }
    function term() {
      var v = primary();
      while (peek() === "*" || peek() === "/") {
        var op = next(), w = primary();
        if (v === null || w === null || (op === "/" && w === 0)) { v = null; } else { v = op === "*" ? v * w : v / w; }
      }
      return v;
    }
    function additive() {
      var v = term();
      while (peek() === "+" || peek() === "-") {
        var op = next(), w = term();
        v = (v === null || w === null) ? null : (op === "+" ? v + w : v - w);
      }
      return v;
    }
    try { var result = additive(); return isFinite(result) ? result : null; } catch (e) { return null; }
  }

  // --- the table ----------------------------------------------------------------------------
  var columns = Array.prototype.map.call(table.querySelectorAll("thead tr:first-child th[data-k]"), function (th) {
    return {key: th.dataset.k, source: th.dataset.source, formula: th.dataset.formula || "", label: th.textContent.trim()};
  });
  var labels = {};
  columns.forEach(function (c) { labels[c.key] = c.label; });
  var allRows = Array.prototype.slice.call(table.tBodies[0].rows);
  var rows = [], byPos = {}, cellMap = {};
  allRows.forEach(function (tr, pos) {
    var cells = Array.prototype.slice.call(tr.querySelectorAll("td.c"));
    if (!cells.length) { return; }
    byPos[pos] = rows.length;
    rows.push({tr: tr, id: tr.dataset.row, pos: pos, cells: cells});
    cells.forEach(function (td, c) {
      td.tabIndex = -1;
      td._r = rows.length - 1; td._c = c;
      cellMap[tr.dataset.row + ":" + td.dataset.k] = td;
    });
  });
  // Freeze the column widths the browser chose: typing into a cell then relays out one cell,
  // not the whole table (an auto-layout table of 200 rows re-measures every cell).
  var frozen = null;
  function freezeLayout() {
    var group = document.createElement("colgroup");
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var col = document.createElement("col");
      col.style.width = th.getBoundingClientRect().width + "px";
      group.appendChild(col);
    });
    table.insertBefore(group, table.firstChild);
    table.style.width = table.getBoundingClientRect().width + "px";
    table.style.tableLayout = "fixed";
    frozen = group;
  }
  function unfreezeLayout() {
    if (frozen) { frozen.parentNode.removeChild(frozen); frozen = null; }
    table.style.tableLayout = "";
    table.style.width = "";
  }
  freezeLayout();
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { unfreezeLayout(); freezeLayout(); }, 200);
  });
  window.addEventListener("beforeprint", unfreezeLayout);
  window.addEventListener("afterprint", function () { unfreezeLayout(); freezeLayout(); });

  function keyOf(td) { return rows[td._r].id + ":" + td.dataset.k; }
  function rowLabel(tr) { return tr.querySelector("td.lbl").firstChild.textContent.trim(); }
  function where(td, withLabel) {
    var tr = rows[td._r].tr;
    var label = withLabel === false ? "" : " “" + rowLabel(tr) + "”";
    return say(T.heading, {n: tr.dataset.n}) + label + ", " + labels[td.dataset.k];
  }

  // --- problems and titles ------------------------------------------------------------------
  var problems = {};  // key → {message, state}
  var problemList = document.getElementById("cell-problems");
  function refreshTitle(td) {
    var parts = [];
    var p = problems[keyOf(td)];
    if (p) { parts.push(p.message); }
    if (td.dataset.issue) { parts.push(td.dataset.issue); }
    if (td.dataset.prev) { parts.push(T.prev + ": " + td.dataset.prev); }
    if (td.dataset.note) { parts.push(T.note + ": " + td.dataset.note); }
    if (td.dataset.comments) { parts.push(T.comment + ": " + td.dataset.comments); }
    if (td.classList.contains("src-from_database")) { parts.push(T.fromDb); }
    if (td.classList.contains("src-computed")) {
      var col = columns[td._c]; parts.push(say(T.computed, {f: col.formula}));
    }
    td.title = parts.join("\n");
  }
  function renderProblems() {
    if (!problemList) { return; }
    problemList.textContent = "";
    Object.keys(problems).forEach(function (key) {
      var td = cellMap[key];
      var li = document.createElement("li");
      li.textContent = where(td) + ": " + problems[key].message;
      li.dataset.key = key;
      problemList.appendChild(li);
    });
    problemList.hidden = !problemList.children.length;
  }
  function setProblem(td, message, state) {
    var key = keyOf(td);
    if (message) { problems[key] = {message: message, state: state}; } else { delete problems[key]; }
    td.classList.remove("s-invalid", "s-failed", "s-conflict");
    if (message) { td.classList.add("s-" + state); }
    refreshTitle(td);
    renderProblems();
  }
  Object.keys(cellMap).forEach(function (k) { refreshTitle(cellMap[k]); });

  // --- computed columns preview -------------------------------------------------------------
  function recompute(r) {
    var env = {};
    rows[r].cells.forEach(function (td, c) {
      if (columns[c].source !== "computed") {
        env[columns[c].key] = td.dataset.raw === "" || td.dataset.raw === undefined ? null : parseFloat(td.dataset.raw);
      }
    });
    rows[r].cells.forEach(function (td, c) {
      if (columns[c].source !== "computed") { return; }
      var v = evaluate(columns[c].formula, env);
      env[columns[c].key] = v;
      td.dataset.raw = v === null ? "" : String(v);
      td.textContent = v === null ? "" : fmtOne.format(v);
    });
  }

  // --- autosave -----------------------------------------------------------------------------
  var queue = {}, inflight = null, timer = null, statusBox = document.getElementById("save-state");
  function updateStatus() {
    if (!statusBox) { return; }
    var counts = {invalid: 0, failed: 0, conflict: 0};
    Object.keys(problems).forEach(function (k) { counts[problems[k].state] = (counts[problems[k].state] || 0) + 1; });
    var pending = Object.keys(queue).length, state, text;
    if (counts.conflict) { state = "conflict"; text = say(T.conflict, {n: counts.conflict}); }
    else if (counts.invalid) { state = "invalid"; text = say(T.invalid, {n: counts.invalid}); }
    else if (counts.failed) { state = "failed"; text = say(T.failed, {n: counts.failed}); }
    else if (inflight) { state = "saving"; text = T.saving; }
    else if (pending) { state = "pending"; text = T.pending; }
    else { state = "saved"; text = T.saved; }
    statusBox.className = "save-state " + state;
    statusBox.textContent = text;
  }
  function queueChange(td, change) {
    var key = keyOf(td);
    var item = queue[key] || {row: rows[td._r].id, column: td.dataset.k};
    Object.keys(change).forEach(function (k) { item[k] = change[k]; });
    queue[key] = item;
    td.classList.remove("s-saved");
    td.classList.add("s-dirty");
    clearTimeout(timer);
    timer = setTimeout(flush, DEBOUNCE);
    updateStatus();
  }
  function setVersions(version) {
    document.querySelectorAll("input[name=version]").forEach(function (input) { input.value = version; });
  }
  function applyServerRows(data) {
    Object.keys(data.rows || {}).forEach(function (rowId) {
      var cells = data.rows[rowId];
      Object.keys(cells).forEach(function (k) {
        var td = cellMap[rowId + ":" + k], cell = cells[k];
        if (!td) { return; }
        if (td.classList.contains("ed")) { td.dataset.v = cell.version; }
        if (queue[rowId + ":" + k] || td.classList.contains("editing") || problems[rowId + ":" + k]) { return; }
        td.dataset.raw = cell.raw;
        td.textContent = cell.text;
        if (td.classList.contains("ed")) {
          if (cell.note) { td.dataset.note = cell.note; } else { delete td.dataset.note; }
          td.classList.toggle("has-note", !!cell.note);
        }
        refreshTitle(td);
      });
    });
  }
  function finished(batch, response, data) {
    if (response.ok && data.ok) {
      setVersions(data.version);
      var badge = document.getElementById("status-badge");
      if (badge && data.status_label) { badge.textContent = data.status_label; badge.className = "badge st-" + data.status; }
      batch.forEach(function (item) {
        var td = cellMap[item.row + ":" + item.column];
        td.classList.remove("s-saving");
        if (!queue[item.row + ":" + item.column]) { td.classList.add("s-saved"); }
      });
      applyServerRows(data);
      return;
    }
    var hit = {};
    (data.problems || []).forEach(function (p) {
      var td = cellMap[p.row + ":" + p.column];
      if (!td) { return; }
      hit[p.row + ":" + p.column] = true;
      td.classList.remove("s-saving");
      setProblem(td, p.message, p.code === "conflict" ? "conflict" : "failed");
    });
    batch.forEach(function (item) {
      var key = item.row + ":" + item.column, td = cellMap[key];
      td.classList.remove("s-saving");
      if (hit[key]) { return; }
      if (data.message) { setProblem(td, data.message, "failed"); }
      else if (!queue[key]) { queueChange(td, item); }  // refused only because of another cell
    });
  }
  function flush() {
    clearTimeout(timer);
    if (inflight) { return inflight.then(flush); }
    var keys = Object.keys(queue);
    if (!keys.length) { updateStatus(); return Promise.resolve(); }
    var batch = keys.map(function (key) {
      var item = queue[key], td = cellMap[key];
      item.version = parseInt(td.dataset.v || "0", 10);
      td.classList.remove("s-dirty");
      td.classList.add("s-saving");
      return item;
    });
    queue = {};
    inflight = fetch(table.dataset.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": table.dataset.csrf, "Accept": "application/json"},
      body: JSON.stringify({changes: batch})
    }).then(function (response) {
      return response.json().catch(function () { return {ok: false, message: T.network}; })
        .then(function (data) { finished(batch, response, data); });
    }, function () {
      batch.forEach(function (item) {
        var td = cellMap[item.row + ":" + item.column];
        td.classList.remove("s-saving");
        if (!queue[item.row + ":" + item.column]) { queueChange(td, item); }
      });
      clearTimeout(timer);
      timer = setTimeout(flush, 5000);
    }).then(function () { inflight = null; updateStatus(); });
    updateStatus();
    return inflight;
  }
  window.addEventListener("beforeunload", function (e) {
    if (Object.keys(queue).length || inflight) { e.preventDefault(); e.returnValue = T.leave; return T.leave; }
  });

  // --- values ---------------------------------------------------------------------------------
  function setValue(td, text) {
    if (!td.classList.contains("ed")) { return false; }
    var parsed = parseNumber(text);
    if (parsed.error) {
      td.textContent = text;
      delete queue[keyOf(td)];
      td.classList.remove("s-dirty", "s-saved");
      setProblem(td, parsed.error, "invalid");
      updateStatus();
      return true;
    }
    setProblem(td, "", "");
    td.dataset.raw = parsed.value;
    td.textContent = parsed.empty ? "" : fmtAny.format(parseFloat(parsed.value));
    recompute(td._r);
    queueChange(td, {value: String(text).trim()});
    return true;
  }

  // --- selection and editing ------------------------------------------------------------------
  var active = null, editor = null;
  var inspector = document.getElementById("inspector");
  function setActive(td) {
    if (!td) { return; }
    if (active) { active.classList.remove("active"); }
    active = td;
    td.classList.add("active");
    td.focus({preventScroll: true});
    td.scrollIntoView({block: "nearest", inline: "nearest"});
    showInspector(td);
  }
  function move(dr, dc) {
    if (!active) { return; }
    var r = active._r + dr, c = active._c + dc;
    if (c >= columns.length) { c = 0; r += 1; }
    if (c < 0) { c = columns.length - 1; r -= 1; }
    r = Math.max(0, Math.min(rows.length - 1, r));
    setActive(rows[r].cells[c]);
  }
  function startEdit(td, replaceWith) {
    if (!editable || !td.classList.contains("ed") || editor) { return; }
    var input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.setAttribute("aria-label", where(td));
    var current = lang === "vi-VN" || problems[keyOf(td)] ? td.textContent : td.dataset.raw;
    editor = {td: td, input: input, before: td.textContent, typed: replaceWith !== undefined};
    input.value = replaceWith !== undefined ? replaceWith : current;
    td.textContent = "";
    td.classList.add("editing");
    td.appendChild(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.addEventListener("blur", function () { if (editor && editor.input === input) { commit(); } });
  }
  function closeEditor() {
    var ed = editor;
    editor = null;
    ed.td.classList.remove("editing");
    if (ed.input.parentNode) { ed.input.parentNode.removeChild(ed.input); }
    return ed;
  }
  function commit() {
    var ed = closeEditor(), text = ed.input.value.trim();
    if (text === ed.before.trim() && !problems[keyOf(ed.td)]) { ed.td.textContent = ed.before; return; }
    setValue(ed.td, text);
    showInspector(ed.td);
  }
  function cancel() {
    var ed = closeEditor();
    ed.td.textContent = ed.before;
    ed.td.focus();
  }

  table.addEventListener("keydown", function (e) {
    if (editor) {
      var k = e.key;
      if (k === "Enter" || k === "Tab" || k === "ArrowUp" || k === "ArrowDown" ||
          (editor.typed && (k === "ArrowLeft" || k === "ArrowRight"))) {
        e.preventDefault();
        commit();
        if (k === "Enter") { move(e.shiftKey ? -1 : 1, 0); }
        else if (k === "Tab") { move(0, e.shiftKey ? -1 : 1); }
        else { move(k === "ArrowUp" ? -1 : k === "ArrowDown" ? 1 : 0, k === "ArrowLeft" ? -1 : k === "ArrowRight" ? 1 : 0); }
      } else if (k === "Escape") { e.preventDefault(); cancel(); }
      return;
    }
    if (!active) { return; }
    var moves = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
    if (moves[e.key]) { e.preventDefault(); move(moves[e.key][0], moves[e.key][1]); }
    else if (e.key === "Tab") { e.preventDefault(); move(0, e.shiftKey ? -1 : 1); }
    else if (e.key === "Enter") { e.preventDefault(); move(e.shiftKey ? -1 : 1, 0); }
    else if (e.key === "F2") { e.preventDefault(); startEdit(active); }
    else if ((e.key === "Delete" || e.key === "Backspace") && editable) {
      e.preventDefault();
      if (active.textContent !== "" || problems[keyOf(active)]) { setValue(active, ""); }
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && editable && active.classList.contains("ed")) {
      e.preventDefault();
      startEdit(active, e.key);
    }
  });
  table.addEventListener("mousedown", function (e) {
    var td = e.target.closest("td.c");
    if (td && (!editor || editor.td !== td)) { e.preventDefault(); if (editor) { commit(); } setActive(td); }
  });
  table.addEventListener("dblclick", function (e) {
    var td = e.target.closest("td.c");
    if (td) { setActive(td); startEdit(td); }
  });

  // --- paste a block copied from Excel / LibreOffice ------------------------------------------
  function pasteBlock(text) {
    var lines = text.replace(/\r\n?/g, "\n").split("\n");
    if (lines.length > 1 && lines[lines.length - 1] === "") { lines.pop(); }
    var start = rows[active._r].pos, skipped = 0, changed = 0;
    lines.forEach(function (line, i) {
      var r = byPos[start + i];
      if (r === undefined) { return; }  // a heading row, or past the end
      line.split("\t").forEach(function (value, j) {
        var td = rows[r].cells[active._c + j];
        if (!td) { return; }
        if (!td.classList.contains("ed")) { if (value.trim() !== "") { skipped += 1; } return; }
        if (setValue(td, value.trim())) { changed += 1; }
      });
    });
    if (skipped && problemList) { showNotice(say(T.skipped, {n: skipped})); }
    return changed;
  }
  document.addEventListener("paste", function (e) {
    if (!editable || !active || !table.contains(document.activeElement)) { return; }
    var text = (e.clipboardData || window.clipboardData).getData("text");
    if (editor && !/[\t\n]/.test(text)) { return; }  // a plain value into the open editor
    e.preventDefault();
    if (editor) { cancel(); }
    pasteBlock(text);
  });
  function showNotice(text) {
    var box = document.getElementById("grid-notice");
    if (!box) {
      box = document.createElement("p");
      box.id = "grid-notice";
      box.className = "muted small";
      table.parentNode.parentNode.insertBefore(box, table.parentNode.nextSibling);
    }
    box.textContent = text;
  }

  // --- the inspector: where, last period, comments, note (giải trình), review comment ---------
  var noteBox = document.getElementById("insp-note");
  function showInspector(td) {
    if (!inspector) { return; }
    document.getElementById("insp-where").textContent = where(td);
    document.getElementById("insp-prev").textContent = td.dataset.prev ? T.prev + ": " + td.dataset.prev : "";
    document.getElementById("insp-comments").textContent = td.dataset.comments ? T.comment + ": " + td.dataset.comments : "";
    var p = problems[keyOf(td)];
    document.getElementById("insp-problem").textContent = [p ? p.message : "", td.dataset.issue || ""].filter(Boolean).join(" · ");
    if (noteBox) {
      noteBox.value = td.dataset.note || "";
      noteBox.disabled = !td.classList.contains("ed");
    }
  }
  if (noteBox) {
    noteBox.addEventListener("change", function () {
      if (!active || !active.classList.contains("ed")) { return; }
      var note = noteBox.value.trim();
      if (note) { active.dataset.note = note; } else { delete active.dataset.note; }
      active.classList.toggle("has-note", !!note);
      refreshTitle(active);
      queueChange(active, {note: note});
    });
  }

  var reviewComments = [];
  var reviewInput = document.getElementById("insp-review");
  function renderReview() {
    var list = document.getElementById("cell-comments-list");
    var hidden = document.getElementById("cell-comments-input");
    if (!list || !hidden) { return; }
    list.textContent = "";
    reviewComments.forEach(function (c, i) {
      var li = document.createElement("li");
      li.textContent = c.where + ": " + c.text + " ";
      var remove = document.createElement("button");
      remove.type = "button"; remove.className = "link"; remove.textContent = T.remove;
      remove.addEventListener("click", function () { reviewComments.splice(i, 1); renderReview(); });
      li.appendChild(remove);
      list.appendChild(li);
    });
    hidden.value = JSON.stringify(reviewComments.map(function (c) { return {row: c.row, column: c.column, text: c.text}; }));
  }
  var addReview = document.getElementById("insp-review-add");
  if (addReview && reviewInput) {
    addReview.addEventListener("click", function () {
      var text = reviewInput.value.trim();
      if (!active || !text) { return; }
      reviewComments.push({row: rows[active._r].id, column: active.dataset.k, text: text, where: where(active)});
      reviewInput.value = "";
      active.classList.add("has-comment");
      renderReview();
    });
  }

  // --- checks: mark the cells the server's checks name ----------------------------------------
  function applyIssues() {
    table.querySelectorAll("td.issue-error, td.issue-warning").forEach(function (td) {
      td.classList.remove("issue-error", "issue-warning");
      delete td.dataset.issue;
      refreshTitle(td);
    });
    document.querySelectorAll("#issues li.issue").forEach(function (li) {
      var td = cellMap[li.dataset.row + ":" + li.dataset.col];
      if (!td && li.dataset.row) {
        var r = rows.filter(function (x) { return x.id === li.dataset.row; })[0];
        td = r && r.cells.filter(function (c) { return c.classList.contains("ed"); })[0];
      }
      if (!td) { return; }
      li._td = td;
      td.classList.add(li.dataset.sev === "error" ? "issue-error" : "issue-warning");
      td.dataset.issue = (td.dataset.issue ? td.dataset.issue + "\n" : "") + li.textContent.trim();
      refreshTitle(td);
    });
  }
  applyIssues();
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "issues") { applyIssues(); }
  });
  document.addEventListener("click", function (e) {
    var li = e.target.closest("#issues li.issue, #cell-problems li, a.goto");
    if (!li) { return; }
    e.preventDefault();
    var td = li._td || cellMap[li.dataset.key] || cellMap[li.dataset.row + ":" + li.dataset.col];
    if (!td && li.dataset.row) {
      var r = rows.filter(function (x) { return x.id === li.dataset.row; })[0];
      td = r && r.cells[0];
    }
    if (td) { setActive(td); }
  });

  var checkButton = document.getElementById("btn-check");
  if (checkButton) {  // hx-trigger="kh-check": the checks run after the pending saves
    checkButton.addEventListener("click", function () {
      if (editor) { commit(); }
      flush().then(function () { window.htmx.trigger(checkButton, "kh-check"); });
    });
  }
  var submitForm = document.getElementById("submit-form");
  if (submitForm) {
    submitForm.addEventListener("submit", function (e) {
      e.preventDefault();
      if (editor) { commit(); }
      flush().then(function () {
        var bad = Object.keys(problems);
        if (bad.length) { setActive(cellMap[bad[0]]); updateStatus(); return; }
        submitForm.submit();
      });
    });
  }

  if (rows.length) {
    var first = rows[0].cells.filter(function (td) { return td.classList.contains("ed"); })[0] || rows[0].cells[0];
    active = first;
    first.classList.add("active");
    first.tabIndex = 0;
  }
})();

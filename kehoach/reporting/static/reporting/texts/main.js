// The written part of a submission: each section's text is autosaved (debounced, batched) with
// the version it replaces, as the grid's cells are; a conflict (409) keeps what was typed and
// says so; the word count and the length warning follow the typing.

import {countWords} from "./words.js";

const box = document.getElementById("texts");
const messages = JSON.parse(document.getElementById("texts-text")?.textContent || "{}");
const DELAY = 1200;

function showCount(section, words, over) {
  section.querySelector(".words").textContent = words.toLocaleString("vi-VN");
  const max = parseInt(section.dataset.max || "0", 10);
  const isOver = over !== undefined ? over : Boolean(max && words > max);
  section.classList.toggle("over", isOver);
  const warning = section.querySelector(".over-warning");
  if (warning) { warning.hidden = !isOver; }
}

function setState(text, kind) {
  const state = document.getElementById("texts-state");
  if (state) {
    state.textContent = text;
    state.className = `save-state small ${kind}`;
  }
}

function attach(root) {
  const url = root.dataset.saveUrl;
  const csrf = root.dataset.csrf;
  const dirty = new Set();
  const conflicted = new Set();
  let timer = null;
  let busy = false;

  const cleaned = new Map();  // what the server kept of what was typed (Word's junk removed)
  function showCleaned(input, key) {
    const item = cleaned.get(key);
    if (item && input.value === item.typed) { input.value = item.text; }
    cleaned.delete(key);
  }

  const sectionOf = (key) => root.querySelector(`.text-section[data-section="${key}"]`);

  function problem(section, message) {
    const p = section.querySelector(".text-problem");
    p.textContent = message || "";
    p.hidden = !message;
  }

  function applySaved(data, sent) {
    document.querySelectorAll("input[name=version]").forEach((input) => { input.value = data.version; });
    const badge = document.getElementById("status-badge");
    if (badge && data.status_label) {
      badge.textContent = data.status_label;
      badge.className = `badge st-${data.status}`;
    }
    for (const entry of data.sections) {
      const section = sectionOf(entry.section);
      if (!section) { continue; }
      section.dataset.version = entry.version;
      const input = section.querySelector("textarea");
      const typed = sent.get(entry.section);
      if (input && typed !== undefined && entry.text !== typed) {
        cleaned.set(entry.section, {typed, text: entry.text});
        if (input.value === typed && document.activeElement !== input) { showCleaned(input, entry.section); }
      }
      if (!dirty.has(entry.section)) { showCount(section, entry.words, entry.over); }
      problem(section, "");
    }
  }

  function applyProblems(data) {
    for (const item of data.problems || []) {
      const section = sectionOf(item.section);
      if (!section) { continue; }
      if (item.code === "conflict") {
        conflicted.add(item.section);
        dirty.delete(item.section);
        problem(section, `${item.message} ${messages.conflict || ""}`);
      } else {
        problem(section, item.message);
      }
    }
  }

  async function save() {
    timer = null;
    if (busy) { schedule(); return; }
    const keys = [...dirty].filter((key) => !conflicted.has(key));
    if (!keys.length) { return; }
    const sent = new Map();
    const changes = keys.map((key) => {
      const section = sectionOf(key);
      const text = section.querySelector("textarea").value;
      sent.set(key, text);
      return {section: key, text, version: parseInt(section.dataset.version || "0", 10)};
    });
    keys.forEach((key) => dirty.delete(key));
    busy = true;
    setState(messages.saving || "…", "saving");
    try {
      const response = await fetch(url, {
        method: "POST", credentials: "same-origin",
        headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
        body: JSON.stringify({changes}),
      });
      const data = await response.json();
      if (response.ok) {
        applySaved(data, sent);
        setState(dirty.size ? messages.pending : messages.saved, dirty.size ? "pending" : "saved");
      } else if (data.problems) {
        applyProblems(data);
        setState(messages.failed || "", "failed");
      } else {
        setState(data.message || messages.failed || "", "failed");
      }
    } catch (error) {
      keys.forEach((key) => dirty.add(key));
      setState(messages.network || "", "failed");
      timer = setTimeout(save, 5000);
    } finally {
      busy = false;
      if (dirty.size && !timer) { schedule(); }
    }
  }

  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, DELAY);
  }

  root.querySelectorAll(".text-section textarea").forEach((input) => {
    const section = input.closest(".text-section");
    input.addEventListener("input", () => {
      dirty.add(section.dataset.section);
      showCount(section, countWords(input.value));
      setState(messages.pending || "", "pending");
      schedule();
    });
    input.addEventListener("blur", () => {
      showCleaned(input, section.dataset.section);
      if (dirty.size) { save(); }
    });
  });
  // Before the form is sent, the texts are saved (capture: ahead of the grid's own handler,
  // which then saves the cells and sends the form).
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (form.id !== "submit-form" || (!dirty.size && !busy)) { return; }
    event.preventDefault();
    event.stopPropagation();
    while (busy) { await new Promise((resolve) => { setTimeout(resolve, 100); }); }
    await save();
    if (!dirty.size && !conflicted.size) { form.requestSubmit(); }
  }, true);
  window.addEventListener("beforeunload", (event) => {
    if (dirty.size || busy) {
      event.preventDefault();
      event.returnValue = messages.leave || "";
    }
  });
  root.dataset.ready = "1";
}

if (box && box.dataset.editable === "1") { attach(box); }

// The unit picker (kehoach/units/picker.py): type a name, pick a unit or a group; the chosen
// ones become hidden inputs carrying their codes. Delegated, so rows added later work too.
(function () {
  "use strict";
  var timers = new WeakMap();

  function picker(el) { return el.closest(".unit-picker"); }

  function close(box) {
    var list = box.querySelector(".unit-picker-list");
    list.hidden = true;
    list.innerHTML = "";
    box.querySelector(".unit-picker-input").setAttribute("aria-expanded", "false");
  }

  function render(box, items) {
    var list = box.querySelector(".unit-picker-list");
    var input = box.querySelector(".unit-picker-input");
    list.innerHTML = "";
    items.forEach(function (item, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = list.id + "-" + i;
      li.dataset.value = item.value;
      li.dataset.label = item.label;
      var name = document.createElement("span");
      name.textContent = item.label;
      var detail = document.createElement("small");
      detail.textContent = item.detail || "";
      li.append(name, " ", detail);
      list.appendChild(li);
    });
    if (!items.length) {
      var none = document.createElement("li");
      none.className = "muted";
      none.textContent = list.dataset.empty || "—";
      list.appendChild(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function search(box) {
    var input = box.querySelector(".unit-picker-input");
    var q = input.value.trim();
    if (!q && !box.dataset.groups) { close(box); return; }
    var url = box.dataset.url + "?q=" + encodeURIComponent(q) +
      "&groups=" + encodeURIComponent(box.dataset.groups || "");
    fetch(url, {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : {results: []}; })
      .then(function (data) {
        if (input.value.trim() === q) render(box, data.results || []);
      });
  }

  function choose(box, option) {
    var chosen = box.querySelector(".unit-picker-chosen");
    var value = option.dataset.value;
    if (!box.dataset.multiple) chosen.innerHTML = "";
    if (chosen.querySelector('input[value="' + CSS.escape(value) + '"]')) { close(box); return; }
    var li = document.createElement("li");
    var hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = box.dataset.name;
    hidden.value = value;
    var label = document.createElement("span");
    label.textContent = option.dataset.label;
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "unit-picker-remove";
    remove.setAttribute("aria-label", "× " + option.dataset.label);
    remove.textContent = "×";
    li.append(hidden, label, " ", remove);
    chosen.appendChild(li);
    var input = box.querySelector(".unit-picker-input");
    input.value = "";
    close(box);
    input.focus();
    chosen.dispatchEvent(new Event("change", {bubbles: true}));
  }

  function move(box, step) {
    var options = Array.from(box.querySelectorAll('.unit-picker-list [role="option"]'));
    if (!options.length) return;
    var current = options.findIndex(function (o) { return o.classList.contains("active"); });
    options.forEach(function (o) { o.classList.remove("active"); o.removeAttribute("aria-selected"); });
    var next = options[(current + step + options.length) % options.length];
    next.classList.add("active");
    next.setAttribute("aria-selected", "true");
    box.querySelector(".unit-picker-input").setAttribute("aria-activedescendant", next.id);
    next.scrollIntoView({block: "nearest"});
  }

  document.addEventListener("input", function (e) {
    if (!e.target.matches(".unit-picker-input")) return;
    var box = picker(e.target);
    clearTimeout(timers.get(box));
    timers.set(box, setTimeout(function () { search(box); }, 150));
  });
  document.addEventListener("focusin", function (e) {
    if (e.target.matches(".unit-picker-input") && picker(e.target).dataset.groups) search(picker(e.target));
  });
  document.addEventListener("keydown", function (e) {
    if (!e.target.matches(".unit-picker-input")) return;
    var box = picker(e.target);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(box, e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter") {
      var active = box.querySelector('.unit-picker-list [role="option"].active') ||
        box.querySelector('.unit-picker-list [role="option"]');
      if (active && !box.querySelector(".unit-picker-list").hidden) { e.preventDefault(); choose(box, active); }
    } else if (e.key === "Escape") {
      close(box);
    }
  });
  document.addEventListener("mousedown", function (e) {
    var option = e.target.closest('.unit-picker-list [role="option"]');
    if (option) { e.preventDefault(); choose(picker(option), option); }
  });
  document.addEventListener("click", function (e) {
    var remove = e.target.closest(".unit-picker-remove");
    if (remove) {
      var li = remove.closest("li");
      var chosen = li.parentNode;
      li.remove();
      chosen.dispatchEvent(new Event("change", {bubbles: true}));
    }
    document.querySelectorAll(".unit-picker").forEach(function (box) {
      if (!box.contains(e.target)) close(box);
    });
  });
  // Leave an empty search box out of the submitted data (GET forms keep clean addresses).
  document.addEventListener("formdata", function (e) {
    e.target.querySelectorAll(".unit-picker-input").forEach(function (input) {
      if (input.name && !input.value.trim()) e.formData.delete(input.name);
    });
  }, true);
})();

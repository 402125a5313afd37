// evidoc search: the search box in the header of every page, over the Pagefind index that
// `evidoc build` writes to pagefind/. Results come from the page's language; a switch adds the
// other languages. The list is plain links: arrow keys move between them, Enter opens one.
(function () {
  "use strict";
  var box = document.querySelector(".search[data-root]");
  if (!box) return;
  box.hidden = false;

  var input = box.querySelector(".search-input");
  var panel = box.querySelector(".search-panel");
  var list = box.querySelector(".search-results");
  var status = box.querySelector(".search-status");
  var everyLanguage = box.querySelector(".search-all-input");
  var lang = box.getAttribute("data-lang");
  var root = new URL(box.getAttribute("data-root"), location.href);
  var bundle = new URL("pagefind/", root).href;
  var languages = {};
  box.getAttribute("data-languages").split("|").forEach(function (pair) {
    var i = pair.indexOf("=");
    if (i > 0) languages[pair.slice(0, i)] = pair.slice(i + 1);
  });
  var text = function (name) { return box.getAttribute("data-" + name) || ""; };

  // One Pagefind per choice: a second copy of the module (another URL) holds the merged
  // indexes, so switching back and forth never reloads anything.
  var engines = {};
  function engine(all) {
    var key = all ? "all" : "own";
    if (!engines[key]) {
      engines[key] = import(bundle + "pagefind.js" + (all ? "?all" : "")).then(function (pagefind) {
        return pagefind.options({ excerptLength: 24 }).then(function () {
          return pagefind.init();
        }).then(function () {
          if (!all) return pagefind;
          var others = Object.keys(languages).filter(function (code) { return code !== lang; });
          return Promise.all(others.map(function (code) {
            // The same bundle, read in another language (a full URL, so Pagefind does not
            // take it for its own index and skip it).
            return pagefind.mergeIndex(bundle, { language: code });
          })).then(function () { return pagefind; });
        });
      });
      engines[key].catch(function () { delete engines[key]; });
    }
    return engines[key];
  }

  function say(message) {
    status.textContent = message;
  }

  function cannotLoad() {
    list.textContent = "";
    say(location.protocol === "file:" ? text("offline") : text("failed"));
    open();
  }

  function open() {
    panel.hidden = false;
  }

  function close() {
    panel.hidden = true;
  }

  // The sub-result that best represents a page: the heading whose section matches most.
  function best(data) {
    var subs = data.sub_results || [];
    var pick = null;
    subs.forEach(function (sub) {
      if (!pick || sub.locations.length > pick.locations.length) pick = sub;
    });
    return pick || { title: data.meta.title, url: data.url, excerpt: data.excerpt };
  }

  function resultItem(data) {
    var sub = best(data);
    var title = (data.meta && data.meta.title) || data.url;
    var heading = (sub.title || "").replace(/\s*#\s*$/, "");
    // Pages live under <root><language>/, so the first folder below the root is the language.
    var path = new URL(sub.url, location.href).pathname;
    var code = path.slice(root.pathname.length).split("/")[0];
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = sub.url;
    if (languages[code]) link.lang = code;
    var t = document.createElement("span");
    t.className = "search-title";
    t.textContent = title;
    link.appendChild(t);
    if (code !== lang && languages[code]) {
      var badge = document.createElement("span");
      badge.className = "search-lang";
      badge.textContent = languages[code];
      link.appendChild(badge);
    }
    if (heading && heading !== title) {
      var h = document.createElement("span");
      h.className = "search-heading";
      h.textContent = heading;
      link.appendChild(h);
    }
    var excerpt = document.createElement("span");
    excerpt.className = "search-excerpt";
    // Pagefind's excerpt is escaped text with <mark> around the matches.
    excerpt.innerHTML = sub.excerpt || data.excerpt || "";
    link.appendChild(excerpt);
    item.appendChild(link);
    return item;
  }

  // Full-width letters, digits and word-joining marks as half-width ("ＨＥＲ２" is "HER2"),
  // and the ideographic space as a space: the index holds them folded the same way
  // (fold_width in src/output/search.rs; keep the two lists in step).
  function fold(query) {
    return query.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D\uFF0B\uFF0E\uFF05\uFF0F\uFF3F\uFF03\uFF20]/g,
      function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }).replace(/\u3000/g, " ");
  }

  var latest = 0;
  var total = 0;
  var timer = null;
  function search() {
    var query = input.value.trim();
    var id = ++latest;
    box.removeAttribute("data-state");
    if (!query) {
      list.textContent = "";
      say("");
      close();
      return;
    }
    open();
    var all = !!(everyLanguage && everyLanguage.checked);
    var slow = setTimeout(function () { if (id === latest) say(text("loading")); }, 300);
    engine(all).then(function (pagefind) {
      return pagefind.search(fold(query).trim());
    }).then(function (found) {
      total = found.results.length;
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }));
    }).then(function (pages) {
      clearTimeout(slow);
      if (id !== latest) return;
      list.textContent = "";
      pages.forEach(function (data) { list.appendChild(resultItem(data)); });
      box.setAttribute("data-state", "done");
      say(total === 0 ? text("none").replace("{query}", query)
        : total === 1 ? text("count-one")
        : text("count").replace("{count}", String(total)));
    }, function () {
      clearTimeout(slow);
      if (id === latest) cannotLoad();
    });
  }

  input.addEventListener("input", function () {
    box.removeAttribute("data-state");
    clearTimeout(timer);
    timer = setTimeout(search, 120);
  });
  input.addEventListener("focus", function () {
    // Load the index as soon as the reader is about to type; say at once if it cannot load.
    engine(!!(everyLanguage && everyLanguage.checked)).catch(cannotLoad);
    if (input.value.trim()) open();
  });
  if (everyLanguage) everyLanguage.addEventListener("change", search);

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  // Keyboard: "/" focuses the field; in the field, Down goes to the first result and Enter
  // opens it; in the list, Up/Down move, Escape returns to the field.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (!box.contains(target)) return;
    var items = links();
    var at = items.indexOf(target);
    if (event.key === "Escape") {
      close();
      input.focus();
    } else if (event.key === "ArrowDown" && (target === input || at >= 0) && items.length) {
      event.preventDefault();
      items[Math.min(at + 1, items.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? input : items[at - 1]).focus();
    } else if (event.key === "Enter" && target === input && items.length) {
      event.preventDefault();
      location.href = items[0].href;
    }
  });

  // A link can open the page with a search: `?search=…` fills the field and runs it.
  var asked = new URLSearchParams(location.search).get("search");
  if (asked) {
    input.value = asked;
    search();
  }

  // A click elsewhere closes the list.
  document.addEventListener("click", function (event) {
    if (!box.contains(event.target)) close();
  });
})();

// leadgen's keyboard shortcuts (press ? for the list). Keys act when no
// text field has focus; Esc leaves a field.
(function () {
  "use strict";
  function typing(el) {
    if (!el) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && ["radio", "checkbox", "button", "submit", "reset"].indexOf(el.type) < 0;
  }
  // Digits pick the call result first, then the outcome; r goes back to results.
  var group = "result";
  function pick(form, key) {
    var set = form.querySelector('[data-keys="' + group + '"]');
    var input = set && set.querySelector('input[data-key="' + key + '"]');
    if (!input) return false;
    input.checked = true;
    input.focus();
    if (group === "result") group = "outcome";
    return true;
  }
  function moveRow(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll('[data-testid="lead-row"] [data-testid="lead-name"]'));
    if (!links.length) return false;
    var i = links.indexOf(document.activeElement);
    var next = links[Math.max(0, Math.min(links.length - 1, i < 0 ? 0 : i + step))];
    next.focus();
    next.closest("tr").scrollIntoView({ block: "nearest" });
    return true;
  }
  var focusOnKeyUp = null;
  document.addEventListener("keyup", function () {
    if (focusOnKeyUp) { focusOnKeyUp.focus(); focusOnKeyUp = null; }
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var el = document.activeElement;
    if (e.key === "Escape" && typing(el)) { el.blur(); return; }
    if (typing(el)) return;
    var form = document.querySelector("[data-call-form]");
    var handled = false;
    if (/^[1-9]$/.test(e.key)) {
      handled = !!form && pick(form, e.key);
    } else switch (e.key) {
      case "r": group = "result"; handled = !!form; break;
      case "n": case "f":
        // Focus on key up, so the key itself is not typed into the field.
        var field = document.querySelector('[data-shortcut="' + e.key + '"]');
        if (field) { focusOnKeyUp = field; handled = true; }
        break;
      case "s":
        var skip = document.querySelector('[data-shortcut-button="s"]');
        if (skip) { skip.click(); handled = true; }
        break;
      case "Enter":
        if (form && (el === document.body || el === null || (form.contains(el) && el.tagName === "INPUT"))) {
          form.requestSubmit(form.querySelector('[type="submit"]'));
          handled = true;
        }
        break;
      case "j": handled = moveRow(1); break;
      case "k": handled = moveRow(-1); break;
      case "/":
        var q = document.querySelector('input[name="q"]');
        if (q) { focusOnKeyUp = q; handled = true; }
        break;
      case "?":
        var help = document.getElementById("shortcuts");
        if (help && !help.open) { help.showModal(); handled = true; }
        break;
    }
    if (handled) e.preventDefault();
  });
})();

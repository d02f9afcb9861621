// Keyboard for the review queue: j/k or arrows move, v/d/r verify/dispute/reject, e edit, x select, a verify selected.
// Loaded on every page (the CSP allows this one same-origin script and nothing inline); it does nothing elsewhere.
document.addEventListener("keydown", (e) => {
  if (e.metaKey || e.ctrlKey || e.altKey || (e.target.closest && e.target.closest("input, textarea, select"))) return;
  if (!document.querySelector("section.item")) return;
  const click = (id) => {
    const el = document.getElementById(id);
    if (el) { e.preventDefault(); el.click(); }
  };
  switch (e.key) {
    case "j": case "ArrowRight": return click("next");
    case "k": case "ArrowLeft": return click("prev");
    case "v": return click("do-verify");
    case "d": return click("do-dispute");
    case "r": return click("do-reject");
    case "a": return click("do-bulk");
    case "e": {
      const field = document.querySelector("#edit input:not([type=hidden]), #edit select");
      if (field) { e.preventDefault(); field.focus(); }
      return;
    }
    case "x": {
      const box = document.querySelector("li.current input[type=checkbox]");
      if (box) { e.preventDefault(); box.checked = !box.checked; }
      return;
    }
  }
});

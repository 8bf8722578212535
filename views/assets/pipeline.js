// Drag and drop on the pipeline board. Progressive enhancement only: every
// card also has a stage select and a Move button that work without it.
// Dropping a card on a column sets the card's select to that stage and
// submits the card's own form, so both paths post the same request.
(function () {
  "use strict";
  var board = document.querySelector("[data-pipeline]");
  if (!board) return;
  var dragged = null;
  Array.prototype.forEach.call(board.querySelectorAll(".pipe-card"), function (card) {
    card.draggable = true;
  });
  function column(el) { return el && el.closest ? el.closest(".pipe-col") : null; }
  function clear() {
    Array.prototype.forEach.call(board.querySelectorAll(".pipe-col.drop"), function (c) { c.classList.remove("drop"); });
  }
  board.addEventListener("dragstart", function (e) {
    var card = e.target.closest && e.target.closest(".pipe-card");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    e.dataTransfer.effectAllowed = "move";
    e.dataTransfer.setData("text/plain", card.dataset.companyId);
  });
  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clear();
  });
  board.addEventListener("dragover", function (e) {
    var col = column(e.target);
    if (!col || !dragged) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    if (!col.classList.contains("drop")) { clear(); col.classList.add("drop"); }
  });
  board.addEventListener("drop", function (e) {
    var col = column(e.target);
    if (!col || !dragged) return;
    e.preventDefault();
    clear();
    var card = dragged;
    var form = card.querySelector("form.pipe-move");
    var select = form && form.querySelector('select[name="stage"]');
    if (!select || select.value === col.dataset.stage) return;
    select.value = col.dataset.stage;
    col.querySelector(".pipe-cards").appendChild(card);
    card.classList.add("moving");
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
})();

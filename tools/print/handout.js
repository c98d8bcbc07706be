// Turns the printed student edition's page into the hand-out of one problem set (run by
// tools/print_book.py after that edition is printed, once per set): a header (book, set,
// chapters, total points, a line for the student's name), then each listed exercise as the
// book typesets it, cloned by its label id, with its points and kind. Links inside a
// statement ("Theorem 3.1") would lead to pages the hand-out does not have: they become text.
// The first call keeps the book's article aside, so that every set clones from the book.
// Returns the labels found and the labels missing.
(spec) => {
  "use strict";
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  if (!window.printBookArticle) {
    window.printBookArticle = document.createDocumentFragment();
    window.printBookArticle.append(...Array.from(article.childNodes));
  }
  const make = (tag, cls, text) => {
    const el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  };

  const handout = make("div", "print-handout");
  const header = make("header", "print-handout-header");
  header.appendChild(make("p", "print-handout-book", spec.book));
  header.appendChild(make("h1", "", "Problem set " + spec.week + ": " + spec.title));
  header.appendChild(make("p", "", spec.chapters + " · " + spec.total + " points in total"));
  header.appendChild(make("p", "print-handout-kinds", spec.kinds));
  header.appendChild(make("p", "print-handout-name", "Name: "));
  handout.appendChild(header);

  const found = [];
  const missing = [];
  spec.exercises.forEach((item) => {
    const source = window.printBookArticle.querySelector("#" + CSS.escape(item.label));
    if (!source) { missing.push(item.label); return; }
    const exercise = source.cloneNode(true);
    exercise.querySelectorAll("a[href^='#']").forEach((a) => a.replaceWith(...Array.from(a.childNodes)));
    const points = make("p", "print-handout-points", item.points + " points · " + item.kind);
    exercise.querySelector(".admonition-title").insertAdjacentElement("afterend", points);
    handout.appendChild(exercise);
    found.push(item.label);
  });
  article.replaceChildren(handout);
  return { found: found, missing: missing };
}

// Turns the book's single HTML page into a printable book (run by tools/print_book.py
// before page.pdf): title page, contents, part pages, "Chapter N" headings, concept checks
// as printed questions with their answers in an appendix, solutions gathered into an
// appendix (full edition), sliders replaced by a note.
// Returns counts that the Python side prints and checks.
(options) => {
  "use strict";
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  const byId = (id) => document.getElementById(id);
  const SHORT_BOX_LINES = 30;  // about 40 % of a page of code: a longer box may break across pages
  const make = (tag, cls, text) => {
    const el = document.createElement(tag);
    if (cls) { el.className = cls; }
    if (text !== undefined) { el.textContent = text; }
    return el;
  };

  // Only the article is printed: what the theme puts beside it (the single page's own
  // contents list, headers) is replaced by the contents below. (The chapters themselves
  // are inside the article's toctree, which singlehtml fills with them.)
  Array.from(article.parentElement.children).forEach((el) => { if (el !== article) { el.classList.add("print-hide"); } });

  // Plotting boilerplate hidden on the website stays hidden on paper.
  document.querySelectorAll("details.hide.above-input").forEach((el) => el.remove());
  document.querySelectorAll("details").forEach((el) => { el.open = true; });

  // Each document of the book begins with <span id="document-NAME">; its first heading is its title.
  const chapters = [];
  const toc = [];
  options.parts.forEach((part) => {
    const first = part.chapters.map((name) => byId("document-" + name)).find(Boolean);
    if (first && part.caption) {
      const page = make("section", "print-part");
      page.appendChild(make("h1", "print-part-title", part.caption));
      first.parentNode.insertBefore(page, first);
      toc.push({ part: part.caption });
    }
    part.chapters.forEach((name) => {
      const marker = byId("document-" + name);
      if (!marker) { return; }
      const section = marker.nextElementSibling;
      const heading = section && section.querySelector("h1, h2");
      if (!heading) { return; }
      section.classList.add("print-chapter");
      const number = heading.querySelector(".section-number");
      let label = "";
      if (number && part.numbered) {
        const n = number.textContent.trim().replace(/\.$/, "");
        label = "Chapter " + n;
        number.remove();
        heading.insertBefore(make("span", "print-chapter-label", label), heading.firstChild);
      }
      const title = Array.from(heading.childNodes).filter((node) => !(node.classList && (node.classList.contains("print-chapter-label")
        || node.classList.contains("headerlink"))))
        .map((node) => node.textContent).join("").trim();
      section.id = section.id || name.replace(/\W/g, "-");
      chapters.push({ name: name, label: label, title: title, id: section.id });
      toc.push({ chapter: label ? label + ". " + title : title, id: section.id });
    });
  });

  // The chapter (from `chapters`) that an element of the page belongs to, and its heading in an appendix.
  const chapterOf = (el) => {
    const section = el.closest(".print-chapter");
    return chapters.find((c) => section && c.id === section.id) || null;
  };
  const chapterHeading = (info) => make("h3", "", info ? (info.label ? info.label + ". " : "") + info.title : "");
  // An appendix section; `addAppendix` puts it at the end of the book and in the contents.
  const appendices = [];
  const appendix = (id, title) => {
    const section = make("section", "print-appendix-start");
    section.id = id;
    section.appendChild(make("h2", "", title));
    return section;
  };
  const addAppendix = (section) => {
    article.appendChild(section);
    const title = section.querySelector("h2").textContent;
    appendices.push({ id: section.id, label: "", title: title });
    toc.push({ chapter: title, id: section.id });
  };
  const linkTo = (id, text) => {
    const a = make("a", "", text);
    a.href = "#" + id;
    return a;
  };

  // Concept checks: on the website a question with radio buttons (or a number box and a
  // Check button) that explains the reader's choice at once. On paper: the question with its
  // options lettered (a), (b), … and a link to its answer, numbered "Concept check N.k"; the
  // answer, with why each option is right or wrong, in an appendix (both editions: the student
  // website shows these explanations too). Each chapter's concept checks follow a one-line
  // instruction for the website ("the page tells you at once"), which a line for paper replaces.
  const letter = (index) => "(" + String.fromCharCode(97 + index) + ")";
  const checks = Array.from(document.querySelectorAll("fieldset.concept-check"));
  const answers = appendix("print-cc-answers", "Answers to the concept checks");

  function printedAnswer(check, name) {
    const box = make("div", "print-cc-answer");
    box.id = "print-answer-" + check.id;
    const explanations = Array.from(check.querySelectorAll(".cc-explanation"));
    const right = explanations.findIndex((el) => el.classList.contains("cc-right"));
    const choice = check.dataset.kind === "choice";
    const head = make("p", "print-cc-answer-title");
    const title = make("strong");
    title.appendChild(linkTo(check.id, name));
    head.appendChild(title);
    const tolerance = choice ? 0 : Number(check.querySelector(".cc-number").dataset.tolerance);
    const answer = choice ? letter(right) : explanations[right].dataset.value + (tolerance ? " (± " + tolerance + ")" : "");
    head.append(". Answer: " + answer + ".");
    box.appendChild(head);
    const labels = Array.from(check.querySelectorAll(".cc-option label"));
    const list = make("ol", "print-cc-options");
    explanations.forEach((explanation, index) => {
      const value = explanation.dataset.value;
      const item = make("li");
      if (choice) {
        item.appendChild(make("span", "print-cc-letter", letter(index)));
        const option = make("span", "print-cc-option");
        option.append(...Array.from(labels[index].cloneNode(true).childNodes));
        item.append(option);
      } else {
        item.appendChild(make("span", "print-cc-letter", value === "other" ? "Any other value:" : value + ":"));
      }
      item.append(...Array.from(explanation.childNodes));
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }

  function printedQuestion(check, name) {
    const box = make("div", "print-cc");
    box.id = check.id;
    const legend = check.querySelector("legend");
    legend.querySelector(".cc-tag").remove();
    const question = make("p", "print-cc-question");
    question.appendChild(make("strong", "", name + ". "));
    question.append(...Array.from(legend.childNodes));
    box.appendChild(question);
    const body = check.querySelector(".cc-body");
    if (body) { box.appendChild(body); }
    if (check.dataset.kind === "choice") {
      const list = make("ol", "print-cc-options");
      check.querySelectorAll(".cc-option label").forEach((label, index) => {
        const item = make("li");
        item.appendChild(make("span", "print-cc-letter", letter(index)));
        item.append(...Array.from(label.childNodes));
        list.appendChild(item);
      });
      box.appendChild(list);
    } else {
      box.appendChild(make("p", "print-cc-blank", "Your number: ____________"));
    }
    const link = make("p", "print-solution-link");
    link.appendChild(linkTo("print-answer-" + check.id, "Answer in the appendix: " + name));
    box.appendChild(link);
    return box;
  }

  let chapter;
  let count = 0;
  checks.forEach((check) => {
    const info = chapterOf(check);
    count = info === chapter ? count + 1 : 1;
    if (count === 1) {
      chapter = info;
      answers.appendChild(chapterHeading(info));
      const instruction = check.previousElementSibling;
      if (instruction && instruction.tagName === "P") {
        const note = make("p", "", "Answer each question, then turn to ");
        note.appendChild(linkTo(answers.id, "Answers to the concept checks"));
        note.append(" at the end of the book: it says which option is right and why each one is or is not.");
        instruction.replaceWith(note);
      }
    }
    const name = "Concept check " + (info && info.label ? info.label.replace(/^Chapter /, "") + "." : "") + count;
    answers.appendChild(printedAnswer(check, name));
    check.replaceWith(printedQuestion(check, name));
  });
  if (checks.length) { addAppendix(answers); }

  // Solutions: moved, in order, to an appendix at the end (full edition), each keeping its
  // title "Solution to Exercise N.M" that links back; the exercise links forward to it.
  const solutions = Array.from(document.querySelectorAll("div.solution"));
  let moved = 0;
  if (solutions.length && options.solutionsAppendix) {
    const solutionsAppendix = appendix("print-solutions", "Solutions to the exercises");
    let solutionsChapter = null;
    solutions.forEach((solution) => {
      const info = chapterOf(solution);
      if (info && info !== solutionsChapter) {
        solutionsChapter = info;
        solutionsAppendix.appendChild(chapterHeading(info));
      }
      solution.classList.remove("dropdown");
      solution.querySelectorAll(".toggle-hidden").forEach((el) => el.classList.remove("toggle-hidden"));
      const back = solution.querySelector(".admonition-title a[href*='#']");
      if (back) {
        const target = byId(back.getAttribute("href").split("#")[1]);
        if (target) {
          const link = make("p", "print-solution-link");
          link.appendChild(linkTo(solution.id, "Solution in the appendix: " + back.textContent.trim().replace(/^Solution to\s*/, "")));
          target.insertAdjacentElement("afterend", link);
        }
      }
      solutionsAppendix.appendChild(solution);
      moved += 1;
    });
    addAppendix(solutionsAppendix);
  }

  // Code and output boxes: a short one stays on one page (moved whole to the next if need be),
  // a long one breaks inside its text. The theme keeps every listing's inner box whole, which
  // pushed a long listing to the next page and left its cell's frame behind, empty.
  document.querySelectorAll("div.cell_input, div.cell_output, div[class*='highlight-']").forEach((box) => {
    if (box.parentElement.closest("div.cell_input, div.cell_output")) { return; }
    const lines = box.textContent.split("\n").length;
    box.classList.add(lines <= SHORT_BOX_LINES ? "print-keep" : "print-may-break");
  });

  // Sliders: the single page carries no widget state, so a slider would print as nothing;
  // a note says where it is instead.
  let sliders = 0;
  document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').forEach((view) => {
    view.insertAdjacentElement("afterend", make("p", "print-widget-note",
      "[An interactive slider stands here on the website and in the notebook; it cannot move on paper.]"));
    sliders += 1;
  });

  // Links, relative to the build's root folder where this page is served. The page's links to
  // itself (options.pagePath + "#id", as singlehtml writes them) become links inside the PDF
  // ("#id"), or plain text if their target is not printed. A link to another file of the
  // website (a PDF, the in-browser edition) would lead nowhere from paper: it gets the
  // website's address, printed beside it, or without a known address (options.siteUrl empty)
  // the text says which file of the website it is.
  const home = new URL(options.pagePath, location.href);
  const unwrap = (a) => a.replaceWith(...Array.from(a.childNodes));
  let siteLinks = 0;
  document.querySelectorAll("a[href]").forEach((a) => {
    const url = new URL(a.getAttribute("href"), location.href);
    if (url.origin !== home.origin) { return; }
    if (url.pathname === home.pathname || url.pathname === location.pathname) {
      const id = decodeURIComponent(url.hash.slice(1));
      if (id && byId(id)) { a.setAttribute("href", "#" + id); } else { unwrap(a); }
      return;
    }
    const path = url.pathname.slice(1) + url.search + url.hash;
    const address = options.siteUrl ? options.siteUrl + path : "";
    a.insertAdjacentElement("afterend", make("span", "print-url", " (" + (address || "on the website: " + path) + ")"));
    if (address) { a.href = address; } else { unwrap(a); }
    siteLinks += 1;
  });

  // Title page and contents, in front of everything.
  const front = make("div", "print-front");
  const title = make("section", "print-title-page");
  title.appendChild(make("h1", "", options.title));
  title.appendChild(make("p", "print-subtitle", options.subtitle));
  title.appendChild(make("p", "", options.author));
  title.appendChild(make("p", "print-edition", options.edition));
  title.appendChild(make("p", "", options.stamp));
  front.appendChild(title);
  const contents = make("section", "print-toc");
  contents.appendChild(make("h1", "", "Contents"));
  const list = make("ol");
  toc.forEach((entry) => {
    const li = make("li", entry.part ? "print-toc-part" : "print-toc-chapter");
    if (entry.part) { li.textContent = entry.part; } else {
      const a = make("a", "", entry.chapter);
      a.href = "#" + entry.id;
      li.appendChild(a);
      li.appendChild(make("span", "print-toc-page", "000"));  // the page, filled in after a first print
      li.dataset.target = entry.id;
    }
    list.appendChild(li);
  });
  contents.appendChild(list);
  front.appendChild(contents);
  article.insertBefore(front, article.firstChild);

  const code = Array.from(document.querySelectorAll("pre, code, .cell_output, .output")).map((el) => el.textContent);
  return {
    chapters: chapters, appendices: appendices,
    conceptChecks: checks.length, siteLinks: siteLinks, solutions: solutions.length, moved: moved, sliders: sliders,
    exercises: document.querySelectorAll("div.exercise").length, code: code.join("\n"),
  };
}

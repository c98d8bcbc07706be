// Turns the book's single HTML page into a printable book (run by tools/print_book.py
// before page.pdf): title page, contents, part pages, "Chapter N" headings, solutions
// gathered into an appendix (full edition), sliders replaced by a note.
// Returns counts that the Python side prints and checks.
(options) => {
  "use strict";
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  const byId = (id) => document.getElementById(id);
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

  // Solutions: moved, in order, to an appendix at the end (full edition), each keeping its
  // title "Solution to Exercise N.M" that links back; the exercise links forward to it.
  const solutions = Array.from(document.querySelectorAll("div.solution"));
  let moved = 0;
  if (solutions.length && options.solutionsAppendix) {
    const appendix = make("section", "print-appendix-start");
    appendix.id = "print-solutions";
    appendix.appendChild(make("h2", "", "Solutions to the exercises"));
    let current = null;
    solutions.forEach((solution) => {
      const chapter = solution.closest(".print-chapter");
      const info = chapters.find((c) => chapter && c.id === chapter.id);
      if (info && info !== current) {
        current = info;
        appendix.appendChild(make("h3", "", (info.label ? info.label + ". " : "") + info.title));
      }
      solution.classList.remove("dropdown");
      solution.querySelectorAll(".toggle-hidden").forEach((el) => el.classList.remove("toggle-hidden"));
      const back = solution.querySelector(".admonition-title a[href*='#']");
      if (back) {
        const target = byId(back.getAttribute("href").split("#")[1]);
        if (target) {
          const link = make("p", "print-solution-link");
          const a = make("a", "", "Solution in the appendix: " + back.textContent.trim().replace(/^Solution to\s*/, ""));
          a.href = "#" + solution.id;
          link.appendChild(a);
          target.insertAdjacentElement("afterend", link);
        }
        back.setAttribute("href", "#" + back.getAttribute("href").split("#")[1]);
      }
      appendix.appendChild(solution);
      moved += 1;
    });
    article.appendChild(appendix);
    toc.push({ chapter: "Solutions to the exercises", id: appendix.id });
  }

  // Sliders: the single page carries no widget state, so a slider would print as nothing;
  // a note says where it is instead.
  let sliders = 0;
  document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').forEach((view) => {
    view.insertAdjacentElement("afterend", make("p", "print-widget-note",
      "[An interactive slider stands here on the website and in the notebook; it cannot move on paper.]"));
    sliders += 1;
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
    chapters: chapters, solutions: solutions.length, moved: moved, sliders: sliders,
    exercises: document.querySelectorAll("div.exercise").length, code: code.join("\n"),
  };
}

// The book's static sliders, drawn without the 3.6 MB widget manager.
//
// A page of the website has no Python kernel: each slider made by
// cossim.frame_slider is a saved ipywidgets state (a VBox of a SelectionSlider
// and a Stack of pre-rendered frames, joined by a jslink), which myst-nb
// embeds in the page.  This script draws exactly those widgets from the saved
// state, as a native range input with a visible label, a readout, and an
// aria-valuetext that says the value shown (not its index); it shows one frame
// at a time and loads a frame only when it is first shown.
//
// Any other widget on a page is drawn by the full widget manager
// (@jupyter-widgets/html-manager, embed-amd.js, in this folder), which this
// script then loads in place of itself: nothing is lost, a page only pays for
// the manager when it needs it.
(function () {
  "use strict";
  var folder = document.currentScript.src.replace(/[^/]*$/, "");
  var STATE = 'script[type="application/vnd.jupyter.widget-state+json"]';
  var VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]';
  var REF = /^IPY_MODEL_([0-9a-f]+)$/;
  // Models drawn here; the layout and style models only carry settings.
  var VIEWS = { VBoxModel: box, HBoxModel: box, BoxModel: box, SelectionSliderModel: selectionSlider,
                StackModel: stack, HTMLModel: htmlView };
  var SILENT = { LayoutModel: 1, SliderStyleModel: 1, HTMLStyleModel: 1, DescriptionStyleModel: 1,
                 StyleModel: 1, LinkModel: 1, DirectionalLinkModel: 1 };
  var counter = 0;

  function Model(id, saved) {
    this.id = id;
    this.name = saved.model_name;
    this.state = saved.state;
    this.listeners = {};
  }
  Model.prototype.get = function (key) { return this.state[key]; };
  Model.prototype.set = function (key, value) {
    if (this.state[key] === value) { return; }
    this.state[key] = value;
    (this.listeners[key] || []).forEach(function (listener) { listener(value); });
  };
  Model.prototype.on = function (key, listener) { (this.listeners[key] = this.listeners[key] || []).push(listener); };

  function ref(models, value) {
    var match = typeof value === "string" && REF.exec(value);
    return match ? models[match[1]] : undefined;
  }

  // Every model a view needs, or null if one of them is not drawn here.
  function supported(models, model, seen) {
    if (!model) { return false; }
    if (seen[model.id]) { return true; }
    seen[model.id] = true;
    if (!VIEWS[model.name] && !SILENT[model.name]) { return false; }
    var children = model.get("children") || [];
    for (var i = 0; i < children.length; i++) {
      if (!supported(models, ref(models, children[i]), seen)) { return false; }
    }
    return true;
  }

  function layout(models, model, element) {
    var settings = ref(models, model.get("layout"));
    if (!settings) { return; }
    ["width", "max_width", "min_width", "height", "margin", "padding"].forEach(function (key) {
      var value = settings.get(key);
      if (value) { element.style[key.replace(/_(.)/g, function (m, c) { return c.toUpperCase(); })] = value; }
    });
  }

  function render(models, model) {
    var element = VIEWS[model.name](models, model);
    layout(models, model, element);
    return element;
  }

  function box(models, model) {
    var element = document.createElement("div");
    element.className = "cossim-widget widget-" + model.name.replace("Model", "").toLowerCase();
    (model.get("children") || []).forEach(function (child) {
      element.appendChild(render(models, ref(models, child)));
    });
    return element;
  }

  function selectionSlider(models, model) {
    var labels = model.get("_options_labels") || [];
    var id = "cossim-slider-" + (++counter);
    var row = document.createElement("div");
    row.className = "cossim-slider";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.className = "cossim-slider-label";
    label.textContent = model.get("description") || "value";
    var input = document.createElement("input");
    input.type = "range";
    input.id = id;
    input.min = "0";
    input.max = String(Math.max(labels.length - 1, 0));
    input.step = "1";
    var readout = document.createElement("span");
    readout.className = "cossim-slider-readout widget-readout";
    readout.setAttribute("aria-hidden", "true"); // the input's aria-valuetext says the same
    function show(index) {
      input.value = String(index);
      input.setAttribute("aria-valuetext", labels[index]);
      readout.textContent = labels[index];
    }
    show(model.get("index") || 0);
    input.addEventListener("input", function () { model.set("index", Number(input.value)); });
    model.on("index", show);
    row.appendChild(label);
    row.appendChild(input);
    row.appendChild(readout);
    return row;
  }

  function stack(models, model) {
    var element = document.createElement("div");
    element.className = "cossim-stack";
    var children = (model.get("children") || []).map(function (child) { return ref(models, child); });
    var drawn = [];
    function show(index) {
      children.forEach(function (child, i) {
        if (i === index && !drawn[i]) { // a frame is downloaded when it is first shown
          drawn[i] = render(models, child);
          element.appendChild(drawn[i]);
        }
        if (drawn[i]) { drawn[i].hidden = i !== index; }
      });
    }
    show(model.get("selected_index") || 0);
    model.on("selected_index", show);
    return element;
  }

  function htmlView(models, model) {
    var element = document.createElement("div");
    element.className = "cossim-html";
    element.innerHTML = model.get("value") || "";
    return element;
  }

  function link(models, model, both) {
    var source = model.get("source") || [], target = model.get("target") || [];
    var from = ref(models, source[0]), to = ref(models, target[0]);
    if (!from || !to) { return; }
    to.set(target[1], from.get(source[1]));
    from.on(source[1], function (value) { to.set(target[1], value); });
    if (both) { to.on(target[1], function (value) { from.set(source[1], value); }); }
  }

  function loadManager() {
    // The full manager renders every widget of the page by itself once loaded.
    ["require.js", "widgets-setup.js", "embed-amd.js"].forEach(function (name) {
      var script = document.createElement("script");
      script.src = folder + name;
      script.async = false; // in this order
      document.head.appendChild(script);
    });
  }

  function main() {
    var stateScript = document.querySelector(STATE);
    var views = Array.prototype.slice.call(document.querySelectorAll(VIEW));
    if (!stateScript || !views.length) { return; }
    var saved = JSON.parse(stateScript.textContent).state || {};
    var models = {};
    Object.keys(saved).forEach(function (id) { models[id] = new Model(id, saved[id]); });
    var roots = views.map(function (view) { return models[JSON.parse(view.textContent).model_id]; });
    if (!roots.every(function (root) { return supported(models, root, {}); })) {
      loadManager();
      return;
    }
    Object.keys(models).forEach(function (id) {
      var model = models[id];
      if (model.name === "LinkModel") { link(models, model, true); }
      if (model.name === "DirectionalLinkModel") { link(models, model, false); }
    });
    views.forEach(function (view, i) {
      view.parentNode.insertBefore(render(models, roots[i]), view.nextSibling);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", main);
  } else {
    main();
  }
})();

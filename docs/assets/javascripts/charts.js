// Draws every chart on the page from its data-figure attribute, after each page load and
// each instant navigation (the theme's document$), and redraws on palette changes.
(function () {
  "use strict";
  var script = document.currentScript;
  var bundleUrl = new URL("../vendor/plotly-basic.min.js", script.src).href;
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = bundleUrl;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () { reject(new Error("plotly.js could not be loaded")); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function themeColours() {
    var style = getComputedStyle(document.body);
    function v(name, fallback) { return (style.getPropertyValue(name) || fallback).trim(); }
    return {
      fg: v("--md-default-fg-color", "#000"),
      light: v("--md-default-fg-color--lighter", "#ccc"),
      bg: v("--md-default-bg-color", "#fff"),
    };
  }

  function themedLayout(layout) {
    var c = themeColours();
    var font = getComputedStyle(document.body).fontFamily;
    var out = Object.assign({}, layout, {
      paper_bgcolor: c.bg, plot_bgcolor: c.bg,
      font: { color: c.fg, family: font, size: 13 },
      hoverlabel: { bgcolor: c.bg, font: { color: c.fg } },
    });
    ["xaxis", "yaxis"].forEach(function (axis) {
      out[axis] = Object.assign({}, layout[axis] || {}, {
        gridcolor: c.light, linecolor: c.light, zerolinecolor: c.light,
      });
    });
    return out;
  }

  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "zoom2d", "pan2d", "autoScale2d"],
    toImageButtonOptions: { format: "png", scale: 2 },
  };

  function draw(el) {
    var fig = JSON.parse(el.getAttribute("data-figure"));
    el._figure = fig;
    return window.Plotly.react(el, fig.data, themedLayout(fig.layout), config).then(function () {
      el.setAttribute("data-drawn", "true");
      // Plotly's SVGs are decorative here: the figure carries the name and the table.
      el.querySelectorAll("svg").forEach(function (svg) {
        svg.setAttribute("aria-hidden", "true");
        svg.setAttribute("focusable", "false");
      });
    });
  }

  function drawAll() {
    var charts = document.querySelectorAll(".plotly-chart[data-figure]");
    if (!charts.length) return Promise.resolve();
    return loadPlotly().then(function () {
      return Promise.all(Array.prototype.map.call(charts, draw));
    });
  }

  function recolour() {
    document.querySelectorAll(".plotly-chart[data-drawn]").forEach(function (el) {
      if (el._figure) window.Plotly.relayout(el, themedLayout(el._figure.layout));
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { drawAll(); });
  } else {
    document.addEventListener("DOMContentLoaded", drawAll);
  }
  new MutationObserver(recolour).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"],
  });
})();

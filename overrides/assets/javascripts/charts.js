// Every chart is first a static picture made at build time (light and dark, a few widths; the
// stylesheet shows the right one), so a page shows its charts before any script runs. When a
// reader reaches for a chart (pointer over it, keyboard focus, a tap), the site's own copy of
// plotly.js is fetched, once per visit, and the interactive chart is drawn over the picture,
// at the picture's size, so nothing on the page moves. Charts follow the theme's instant
// navigations (document$), the light/dark palette and width changes. Print shows the pictures.
(function () {
  "use strict";

  var BUNDLE_URL = new URL("../vendor/plotly-basic.min.js", document.currentScript.src).href;
  var NARROW = 600; // px of chart width below which the text is a size smaller
  var REACH = ["pointerover", "focusin", "touchstart", "pointerdown"];

  // The figures use the Okabe-Ito colours. Two of them lack contrast against one of the two
  // backgrounds (WCAG 1.4.11 asks 3:1 for graphics), so they are swapped for a neighbour.
  // macros/figures/chart_theme.py gives the static pictures the same colours.
  var SWAPS = {
    light: { "#999999": "#767676" },
    dark: { "#0072B2": "#56B4E9", "#999999": "#ABABAB" },
  };

  var loading = null;
  var drawn = [];

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = BUNDLE_URL;
        tag.onload = function () {
          keepPlotlyStyles();
          resolve(window.Plotly);
        };
        tag.onerror = function () {
          loading = null;
          reject(new Error("plotly.js could not be loaded from " + BUNDLE_URL));
        };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  // plotly.js keeps its stylesheet in a <style> element that it adds to <head>, and fills it
  // through the CSSOM. The theme's instant navigation removes from <head> whatever the next
  // page lacks, which would leave later charts unstyled (their layers stacked, not overlaid).
  // So the sheet moves to the end of <body>, which navigation leaves alone, with its rules
  // written out as text first: a moved <style> is parsed again from its text.
  function keepPlotlyStyles() {
    var style = document.getElementById("plotly.js-style-global");
    if (!style || style.parentNode === document.body || !style.sheet) return;
    style.textContent = Array.prototype.map.call(style.sheet.cssRules, function (rule) {
      return rule.cssText;
    }).join("\n");
    document.body.appendChild(style);
  }

  // -- colours and sizes from the page ---------------------------------------------------

  function rgba(colour, alpha) {
    var parts = (colour.match(/[\d.]+/g) || ["0", "0", "0"]).slice(0, 3);
    return "rgba(" + parts.join(", ") + ", " + alpha + ")";
  }

  function luminance(colour) {
    var parts = (colour.match(/[\d.]+/g) || ["255", "255", "255"]).slice(0, 3);
    var lin = parts.map(function (v) {
      var c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  }

  function theme() {
    var style = getComputedStyle(document.body);
    var bg = style.backgroundColor; // resolved rgb() of the palette's background
    var fg = style.color;
    return {
      dark: luminance(bg) < 0.2,
      bg: bg,
      fg: fg,
      grid: rgba(fg, 0.15),
      axis: rgba(fg, 0.45),
      font: style.fontFamily,
    };
  }

  // -- figure to drawing -----------------------------------------------------------------

  function swapColour(value, swaps) {
    if (typeof value === "string") return swaps[value.toUpperCase()] || value;
    if (Array.isArray(value)) return value.map(function (v) { return swapColour(v, swaps); });
    return value;
  }

  function themedTrace(trace, swaps, t) {
    var out = Object.assign({}, trace);
    // A point at 0% or 100% is drawn whole, not cut in half by the edge of the plot.
    if (trace.type === "scatter") out.cliponaxis = false;
    if (trace.marker) {
      out.marker = Object.assign({}, trace.marker, { color: swapColour(trace.marker.color, swaps) });
      var line = trace.marker.line || {};
      out.marker.line = Object.assign({}, line, { color: swapColour(line.color, swaps) });
    }
    ["error_x", "error_y"].forEach(function (key) {
      if (trace[key]) {
        out[key] = Object.assign({}, trace[key], {
          color: swapColour(trace[key].color, swaps) || t.fg,
        });
      }
    });
    return out;
  }

  // Category labels may take about two fifths of the chart's width; longer ones wrap onto
  // several lines (<br>), so the plot itself keeps room on a phone and beside long labels.
  // The labels wrap as in the picture shown in the chart's place (drawn at its own width
  // and scaled to the box), so that the chart, drawn at the picture's height, has room for
  // the same lines.
  function wrapWidth(el) {
    var width = el.clientWidth;
    var shown = Array.prototype.find.call(el.querySelectorAll("img"), function (img) {
      return img.offsetParent !== null && img.naturalWidth;
    });
    if (shown) width = shown.naturalWidth;
    var fontSize = width < NARROW ? 12 : 14;
    return Math.max(16, Math.floor((width * 0.42) / (fontSize * 0.55)));
  }

  function wrap(label, width) {
    var text = String(label);
    if (text.length <= width) return text;
    // "outcome · study": a break at the separator first.
    var parts = text.split(" \u00b7 ");
    if (parts.length > 1) {
      return parts.map(function (part) { return wrapWords(part, width); }).join(" \u00b7<br>");
    }
    return wrapWords(text, width);
  }

  function wrapWords(text, width) {
    var words = text.split(" ");
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) lines.push(line);
    return lines.join("<br>");
  }

  function categories(data) {
    var seen = [];
    data.forEach(function (trace) {
      (trace.y || []).forEach(function (y) { if (seen.indexOf(y) < 0) seen.push(y); });
    });
    return seen;
  }

  function themedLayout(fig, t, narrow, wrapAt) {
    var layout = fig.layout || {};
    var fontSize = narrow ? 12 : 14;
    var out = Object.assign({}, layout, {
      template: undefined,
      paper_bgcolor: t.bg,
      plot_bgcolor: t.bg,
      font: { color: t.fg, family: t.font, size: fontSize },
      hoverlabel: { bgcolor: t.bg, bordercolor: t.fg, font: { color: t.fg, family: t.font } },
      // Room on the right for markers and whiskers that reach 100%.
      margin: Object.assign({}, layout.margin || {}, {
        r: Math.max((layout.margin || {}).r || 0, 24),
      }),
    });
    if (layout.title) {
      out.title = Object.assign({}, layout.title, {
        font: { size: fontSize + 2, color: t.fg, family: t.font },
      });
    }
    if (layout.legend) {
      out.legend = Object.assign({}, layout.legend, { font: { color: t.fg } });
    }
    ["xaxis", "yaxis"].forEach(function (name) {
      out[name] = Object.assign({}, layout[name] || {}, {
        gridcolor: t.grid, linecolor: t.axis, zerolinecolor: t.axis, tickcolor: t.axis,
        automargin: true,
      });
    });
    var cats = categories(fig.data || []);
    var wrapped = cats.map(function (c) { return wrap(c, wrapAt); });
    if (wrapped.some(function (w, i) { return w !== cats[i]; })) {
      Object.assign(out.yaxis, { tickmode: "array", tickvals: cats, ticktext: wrapped });
      // Rows are evenly spaced, so the label with the most lines sets the row height.
      var most = Math.max.apply(null, wrapped.map(function (w) { return w.split("<br>").length; }));
      var margin = layout.margin || {};
      // The margins, the axis's ticks and title below the plot, a subtitle (as in
      // macros/figures/chart_theme.py).
      var frame = (margin.t || 50) + (margin.b || 40) + 40 + (layout.showlegend ? 60 : 0);
      var row = most * fontSize * 1.4 + 16;
      out.height = Math.max(layout.height || 0, Math.round(frame + row * cats.length));
    }
    return out;
  }

  // Horizontal bars carry their n/N as text beyond the bar end, where the interval's whisker
  // runs through it. The counts move to a column of their own at the right of the plot
  // (not the parts of a stacked bar: the legend names them with their counts).
  function countsBesideBars(data, layout, t) {
    var notes = [];
    data.forEach(function (trace, index) {
      if (trace.type !== "bar" || trace.orientation !== "h" || !Array.isArray(trace.text)
          || layout.barmode === "stack") return;
      trace.text.forEach(function (text, i) {
        notes.push({
          xref: "paper", x: 1, xanchor: "left", xshift: 6, yref: "y", y: trace.y[i],
          text: text, showarrow: false, font: { color: t.fg, family: t.font },
        });
      });
      data[index] = Object.assign({}, trace, { textposition: "none" });
    });
    if (notes.length) {
      layout.annotations = (layout.annotations || []).concat(notes);
      layout.margin = Object.assign({}, layout.margin, { r: 64 });
    }
  }

  var CONFIG = {
    responsive: true,
    displaylogo: false,
    showSendToCloud: false,
    showEditInChartStudio: false,
    plotlyServerURL: "",
    showTips: false,
    scrollZoom: false,
    // Only the PNG download: the axes are fixed, so zoom and pan buttons would do nothing.
    modeBarButtons: [["toImage"]],
  };

  function configFor(el) {
    var name = (el.closest("figure") || {}).id || "chart";
    return Object.assign({}, CONFIG, {
      toImageButtonOptions: { format: "png", scale: 2, filename: name.replace(/^fig-/, "") },
    });
  }

  // The picture gets its name from the page (data-drawn-label: the caption, in the page's
  // language); Plotly's other layers are hidden from assistive technology. The toolbar's
  // buttons stay reachable by keyboard.
  function label(el) {
    var name = el.getAttribute("data-drawn-label") || el.getAttribute("aria-label");
    el.querySelectorAll("svg.main-svg").forEach(function (svg, index) {
      if (index === 0) {
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", name);
        svg.removeAttribute("aria-hidden");
      } else {
        svg.setAttribute("aria-hidden", "true");
      }
      svg.setAttribute("focusable", "false");
    });
  }

  // The layer the interactive chart is drawn in, over the static picture.
  function liveLayer(el) {
    var live = el.querySelector(":scope > .live-chart");
    if (!live) {
      live = document.createElement("div");
      live.className = "live-chart";
      el.appendChild(live);
    }
    return live;
  }

  function draw(el) {
    if (!el._figure) el._figure = JSON.parse(el.getAttribute("data-figure"));
    var live = liveLayer(el);
    var t = theme();
    var narrow = el.clientWidth < NARROW;
    var swaps = t.dark ? SWAPS.dark : SWAPS.light;
    var data = (el._figure.data || []).map(function (trace) {
      return themedTrace(trace, swaps, t);
    });
    var wrapAt = wrapWidth(el);
    var layout = themedLayout(el._figure, t, narrow, wrapAt);
    countsBesideBars(data, layout, t);
    // The size of the picture it replaces: the box keeps its height, nothing moves.
    layout.width = el.clientWidth;
    layout.height = el.clientHeight || layout.height;
    el._wrapAt = wrapAt;
    el._size = [el.clientWidth, el.clientHeight];
    return window.Plotly.react(live, data, layout, configFor(el))
      .then(function () {
        if (!live._labelled) {
          live.on("plotly_afterplot", function () { label(el); });
          live._labelled = true;
        }
        label(el);
        if (drawn.indexOf(el) < 0) drawn.push(el);
        el.setAttribute("data-drawn", "true");
      });
  }

  function report(error) {
    console.error("Chart could not be drawn:", error);
  }

  // Charts of pages left by instant navigation: release Plotly's listeners.
  function forgetDetached() {
    drawn = drawn.filter(function (el) {
      if (document.contains(el)) return true;
      window.Plotly.purge(liveLayer(el));
      return false;
    });
  }

  // The reader reaches for a chart: fetch plotly.js (once per visit) and draw it.
  function activate(event) {
    var el = event.currentTarget;
    if (el._activated) return;
    el._activated = true;
    REACH.forEach(function (type) { el.removeEventListener(type, activate); });
    loadPlotly().then(function () {
      keepPlotlyStyles();
      forgetDetached();
      return draw(el);
    }).catch(function (error) {
      el._activated = false; // the picture stays; the next reach tries again
      arm(el);
      report(error);
    });
  }

  function arm(el) {
    REACH.forEach(function (type) {
      el.addEventListener(type, activate, { passive: true });
    });
  }

  // After every page load and instant navigation: charts wait, as pictures, to be reached.
  function armAll() {
    if (window.Plotly) forgetDetached();
    document.querySelectorAll(".plotly-chart[data-figure]").forEach(function (el) {
      if (!el._armed) {
        el._armed = true;
        arm(el);
      }
    });
  }

  function redrawAll() {
    if (!window.Plotly) return;
    forgetDetached();
    drawn.forEach(function (el) { draw(el).catch(report); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { armAll(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", armAll);
  } else {
    armAll();
  }

  // The palette toggle sets data-md-color-scheme on <body>; the system setting can too.
  new MutationObserver(redrawAll).observe(document.body, {
    attributes: true, attributeFilter: ["data-md-color-scheme"],
  });

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      drawn.forEach(function (el) {
        // The picture under the chart sets its size: follow it.
        var size = [el.clientWidth, el.clientHeight];
        if (document.contains(el) && size[0] && (wrapWidth(el) !== el._wrapAt
            || Math.abs(size[0] - el._size[0]) > 1 || Math.abs(size[1] - el._size[1]) > 1)) {
          draw(el).catch(report);
        }
      });
    }, 150);
  });
})();

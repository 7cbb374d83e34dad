/* Starts a page's drawing without an inline script (the Content-Security-Policy allows scripts from /static only):
   <script src="/static/boot.js" data-call="Communique.timeline" data-args='["timeline", "timeline-data"]'></script>
   calls Communique.timeline("timeline", "timeline-data"). Only functions of the two UI namespaces can be called. */
(function () {
  "use strict";
  var me = document.currentScript;
  var path = (me.getAttribute("data-call") || "").split(".");
  var spaces = { Communique: window.Communique, CommuniqueAnalysis: window.CommuniqueAnalysis };
  var space = path.length === 2 && Object.prototype.hasOwnProperty.call(spaces, path[0]) ? spaces[path[0]] : null;
  var fn = space && Object.prototype.hasOwnProperty.call(space, path[1]) ? space[path[1]] : null;
  if (typeof fn !== "function") { throw new Error("boot.js: no UI function " + me.getAttribute("data-call")); }
  fn.apply(null, JSON.parse(me.getAttribute("data-args") || "[]"));
})();

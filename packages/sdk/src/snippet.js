// The async snippet: defines window.habitual as a queue until habitual.js arrives and
// replays the queued calls in order. Replace the URL with where you serve habitual.js.
(function (w, d, src) {
  if (w.habitual) return;
  var h = (w.habitual = function () {
    h.q.push(arguments);
  });
  h.q = [];
  var s = d.createElement('script');
  s.async = true;
  s.src = src;
  (d.head || d.documentElement).appendChild(s);
})(window, document, '/habitual.js');

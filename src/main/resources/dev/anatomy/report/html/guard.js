/* anatomy report: records every error on the page into the page itself (body[data-errors] and the
   "page errors" box), so a reader and a headless test both see that something failed. Runs first. */
(function () {
  'use strict';
  var errors = [];
  function record(message) {
    errors.push(String(message));
    var body = document.body;
    if (!body) {
      return;
    }
    body.setAttribute('data-errors', String(errors.length));
    var list = document.getElementById('page-errors');
    if (list) {
      var item = document.createElement('li');
      item.textContent = String(message);
      list.appendChild(item);
      list.parentNode.hidden = false;
    }
  }
  window.anatomyErrors = errors;
  window.anatomyRecordError = record;
  window.addEventListener('error', function (e) {
    record('error: ' + (e.message || e.type) + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
  });
  window.addEventListener('unhandledrejection', function (e) {
    record('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : e.reason));
  });
  var original = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
})();

/**
 * The web form's stylesheet and script, served by the hub (`web-form-assets/form.css|js`) so the
 * page's CSP allows only `'self'`. The script reads the chosen files as text and posts them as
 * JSON to the form's own endpoints (no multipart body; the platform takes JSON only); the
 * server parses, and only a confirm stores.
 */

export const WEB_FORM_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.muted{color:#4a4a4a}
.error,.problems{color:#a30000}
.check{display:flex;gap:.6rem;align-items:flex-start}
.check input{width:1.4rem;height:1.4rem;margin-top:.15rem;flex:none}
label{font-weight:600}
input[type=file]{display:block;margin:.4rem 0;max-width:100%;font-size:1rem}
button{font-size:1rem;padding:.65rem 1.1rem;border:2px solid #0b4f8a;border-radius:.3rem;background:#fff;color:#0b4f8a;cursor:pointer;min-height:2.75rem}
button.primary{background:#0b4f8a;color:#fff}
button:disabled{border-color:#767676;color:#595959;background:#f2f2f2;cursor:not-allowed}
button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #9a4d00;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.75rem}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #8c8c8c;padding:.35rem .5rem;text-align:left;vertical-align:top}
pre{white-space:pre-wrap;word-break:break-all;background:#f4f4f4;padding:.5rem}
`;

export const WEB_FORM_JS = `(function () {
  'use strict';
  var root = document.getElementById('web-form');
  if (!root) return;
  var text = JSON.parse(document.getElementById('web-form-text').textContent);
  var consent = document.getElementById('consent');
  var input = document.getElementById('files');
  var check = document.getElementById('check');
  var confirmButton = document.getElementById('confirm');
  var cancelButton = document.getElementById('cancel');
  var review = document.getElementById('review');
  var statusLine = document.getElementById('status');
  var errors = document.getElementById('errors');
  var maxBytes = Number(root.dataset.maxBytes);
  var files = null;
  var busy = false;

  function el(tag, content, className) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) node.textContent = String(content);
    if (className) node.className = className;
    return node;
  }
  function setBusy(value) {
    busy = value;
    check.disabled = value || !consent.checked || !input.files || input.files.length === 0;
    cancelButton.disabled = value;
    if (value) confirmButton.disabled = true;
  }
  function showError(body) {
    errors.textContent = '';
    var message = (body && body.message) || text.error;
    errors.appendChild(el('p', message, 'error'));
    var details = (body && body.details) || [];
    if (details.length > 0) {
      var list = el('ul', null, 'problems');
      details.forEach(function (d) {
        var where = [d.file, d.line ? text.line + ' ' + d.line : null, d.element].filter(Boolean).join(', ');
        list.appendChild(el('li', (where ? where + ': ' : '') + (d.message || d.reason || '')));
      });
      errors.appendChild(list);
    }
  }
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (json) {
        return { ok: response.ok, body: json };
      });
    });
  }
  function readFiles() {
    var chosen = Array.prototype.slice.call(input.files || []);
    var total = chosen.reduce(function (sum, f) { return sum + f.size; }, 0);
    if (total > maxBytes) return Promise.reject({ message: text.tooLarge.replace('{max}', String(maxBytes)) });
    return Promise.all(chosen.map(function (f) {
      return f.text().then(function (content) { return { name: f.name, content: content }; });
    }));
  }
  function renderReview(summaries) {
    review.textContent = '';
    var good = true;
    summaries.forEach(function (file) {
      var heading = el('h3', file.name + ' (' + file.format + ')');
      review.appendChild(heading);
      if (file.accounts.length > 0) {
        var wrap = el('div', null, 'table-wrap');
        var table = el('table');
        var head = el('tr');
        [text.account, text.currency, text.balance, text.transactions, text.period].forEach(function (h) {
          var th = el('th', h);
          th.scope = 'col';
          head.appendChild(th);
        });
        var thead = el('thead');
        thead.appendChild(head);
        table.appendChild(thead);
        var tbody = el('tbody');
        file.accounts.forEach(function (a) {
          var row = el('tr');
          [a.bankName + ' ' + a.accountNumber, a.currency, a.balance, a.transactions,
            a.from ? a.from + ' – ' + a.to : '–'].forEach(function (v) { row.appendChild(el('td', v)); });
          tbody.appendChild(row);
        });
        table.appendChild(tbody);
        wrap.appendChild(table);
        review.appendChild(wrap);
      }
      if (file.problems.length > 0) {
        good = false;
        review.appendChild(el('p', text.problems + ':', 'error'));
        var list = el('ul', null, 'problems');
        file.problems.forEach(function (p) {
          var where = p.line ? text.line + ' ' + p.line : p.element;
          list.appendChild(el('li', (where ? where + ': ' : '') + p.message));
        });
        review.appendChild(list);
      } else if (file.accounts.length === 0) {
        good = false;
        review.appendChild(el('p', text.noAccount, 'error'));
      }
    });
    return good;
  }
  function checkFiles() {
    if (busy) return;
    errors.textContent = '';
    files = null;
    setBusy(true);
    statusLine.textContent = text.checking;
    readFiles()
      .then(function (read) {
        return post(root.dataset.previewUrl, { csrf: root.dataset.csrf, files: read }).then(function (result) {
          setBusy(false);
          if (!result.ok) { statusLine.textContent = ''; showError(result.body); return; }
          var good = renderReview(result.body.files);
          files = good ? read : null;
          statusLine.textContent = good ? text.ready : text.fixFiles;
          confirmButton.disabled = !good;
        });
      })
      .catch(function (error) { setBusy(false); statusLine.textContent = ''; showError(error); });
  }
  function finish(result, message) {
    if (!result.ok) { setBusy(false); statusLine.textContent = ''; showError(result.body); return; }
    statusLine.textContent = message;
    consent.disabled = true;
    input.disabled = true;
    check.disabled = true;
    confirmButton.disabled = true;
    cancelButton.disabled = true;
    if (result.body.redirectUrl) window.location.assign(result.body.redirectUrl);
  }

  consent.addEventListener('change', function () {
    input.disabled = !consent.checked;
    setBusy(false);
    if (!consent.checked) confirmButton.disabled = true;
    else if (files) confirmButton.disabled = false;
  });
  input.addEventListener('change', function () {
    files = null;
    confirmButton.disabled = true;
    if (input.files && input.files.length > 0) checkFiles();
  });
  check.addEventListener('click', checkFiles);
  confirmButton.addEventListener('click', function () {
    if (busy || !files || !consent.checked) return;
    errors.textContent = '';
    setBusy(true);
    statusLine.textContent = text.saving;
    post(root.dataset.confirmUrl, {
      csrf: root.dataset.csrf,
      consent: { accepted: true, textVersion: root.dataset.textVersion },
      files: files,
    }).then(function (result) { finish(result, text.done); })
      .catch(function (error) { setBusy(false); showError(error); });
  });
  cancelButton.addEventListener('click', function () {
    if (busy) return;
    setBusy(true);
    post(root.dataset.cancelUrl, { csrf: root.dataset.csrf })
      .then(function (result) { finish(result, text.cancelled); })
      .catch(function (error) { setBusy(false); showError(error); });
  });
})();
`;

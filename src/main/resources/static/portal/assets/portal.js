/*
 * subside portal: enhancements only. Every page works without this script; with it, the dossier saves itself as the
 * applicant types (and when the tab closes), and uploads show their progress and refresh the checklist in place.
 */
(function () {
  'use strict';

  function announce(region, text) {
    if (region) {
      region.textContent = '';
      window.setTimeout(function () { region.textContent = text; }, 50);
    }
  }

  function clock() {
    var now = new Date();
    return String(now.getHours()).padStart(2, '0') + ':' + String(now.getMinutes()).padStart(2, '0');
  }

  /* Autosave: forms with data-autosave="url". Debounced while typing; a beacon when the page is hidden or left. */
  function autosave(form) {
    var url = form.getAttribute('data-autosave');
    var status = form.querySelector('[data-autosave-status]');
    var timer = null;
    var dirty = false;
    var closed = false;

    function body() {
      var data = new URLSearchParams(new FormData(form));
      data.delete('action');
      return data;
    }

    function save() {
      timer = null;
      if (!dirty || closed) { return; }
      dirty = false;
      fetch(url, { method: 'POST', body: body(), credentials: 'same-origin',
        headers: { 'Accept': 'application/json' } })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (json) {
            if (response.ok) {
              announce(status, form.getAttribute('data-saved-text').replace('{0}', clock()));
            } else if (response.status === 422) {
              var messages = (json.errors || []).map(function (e) { return e.message; });
              if (json.message) { messages.push(json.message); }
              announce(status, form.getAttribute('data-invalid-text') + ' ' + messages.join(' '));
            } else {
              closed = response.status === 409;
              announce(status, json.message || form.getAttribute('data-failed-text'));
            }
          });
        })
        .catch(function () {
          dirty = true;
          announce(status, form.getAttribute('data-failed-text'));
        });
    }

    function changed() {
      dirty = true;
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(save, 1500);
    }

    function flush() {
      if (dirty && !closed && navigator.sendBeacon) {
        dirty = false;
        navigator.sendBeacon(url, body());
      }
    }

    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('submit', function () { dirty = false; closed = true; });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') { flush(); }
    });
    window.addEventListener('pagehide', flush);
  }

  /* Uploads: forms with data-upload. Sent with their progress; the checklist is then refreshed from the server. */
  function uploads(section) {
    var status = section.querySelector('[data-upload-status]');

    section.addEventListener('submit', function (event) {
      var form = event.target;
      if (!form.hasAttribute('data-upload')) { return; }
      var file = form.querySelector('input[type=file]');
      if (!file || !file.files.length) { return; }
      event.preventDefault();
      var progress = form.querySelector('progress');
      var button = form.querySelector('button[type=submit]');
      progress.hidden = false;
      progress.value = 0;
      button.disabled = true;
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
      request.setRequestHeader('Accept', 'application/json');
      request.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) { progress.value = Math.round(100 * e.loaded / e.total); }
      });
      request.addEventListener('load', function () {
        var json = {};
        try { json = JSON.parse(request.responseText); } catch (ignored) { /* not JSON: a refusal page */ }
        var text = request.status === 200
          ? section.getAttribute('data-uploaded-text').replace('{0}', json.fileName || file.files[0].name)
          : section.getAttribute('data-refused-text').replace('{0}', json.message || request.status);
        refresh(section, text);
      });
      request.addEventListener('error', function () {
        button.disabled = false;
        progress.hidden = true;
        announce(status, section.getAttribute('data-refused-text').replace('{0}', ''));
      });
      request.send(new FormData(form));
    });
  }

  /* Replaces the checklist by the server's current one, keeps the focus near where it was, and says what happened. */
  function refresh(section, text) {
    fetch(window.location.pathname, { credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(section.id);
        if (fresh) {
          section.replaceWith(fresh);
          uploads(fresh);
          section = fresh;
        }
        var status = section.querySelector('[data-upload-status]');
        announce(status, text);
        section.querySelector('h2').focus();
      });
  }

  document.querySelectorAll('form[data-autosave]').forEach(autosave);
  document.querySelectorAll('[data-uploads]').forEach(uploads);
}());

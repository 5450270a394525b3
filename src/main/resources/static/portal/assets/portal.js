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

  /*
   * Dynamic lists: fieldsets with data-list. Without the script a spare blank item does the adding and clearing an
   * item removes it; with it, "add" and "remove" buttons do, and item numbers follow the order on screen. Names keep
   * their index (the server takes the items in index order and ignores blank ones), ids stay unique.
   */
  function dynamicList(list) {
    var nextIndex = 0;

    function items() {
      return Array.prototype.filter.call(list.children, function (e) { return e.hasAttribute('data-list-item'); });
    }

    function inputs(item) {
      return Array.prototype.slice.call(item.querySelectorAll('input, textarea, select'));
    }

    function blank(item) {
      return inputs(item).every(function (i) { return i.type === 'checkbox' || i.type === 'radio' ? !i.checked : !i.value.trim(); });
    }

    function reindex(item, index) {
      item.querySelectorAll('[id], [for], [name], [aria-describedby]').forEach(function (e) {
        ['id', 'for', 'aria-describedby'].forEach(function (attribute) {
          if (e.hasAttribute(attribute)) {
            e.setAttribute(attribute, e.getAttribute(attribute).split(' ').map(function (id) {
              return id.replace(/-\d+(-hint|-error)?$/, '-' + index + '$1');
            }).join(' '));
          }
        });
        if (e.hasAttribute('name')) {
          e.setAttribute('name', e.getAttribute('name').replace(/\[\d+\]/, '[' + index + ']'));
        }
      });
      item.id = item.id.replace(/-\d+$/, '-' + index);
    }

    function renumber() {
      items().forEach(function (item, n) {
        var legend = item.querySelector('legend');
        legend.textContent = legend.textContent.replace(/\d+/, String(n + 1));
        item.querySelector('[data-list-remove]').setAttribute('aria-label',
          list.getAttribute('data-remove-text').replace('{0}', String(n + 1)));
      });
      list.dispatchEvent(new Event('change', { bubbles: true }));
    }

    function removeButton(item) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.setAttribute('data-list-remove', '');
      button.textContent = list.getAttribute('data-remove-short');
      button.addEventListener('click', function () {
        var all = items();
        if (all.length === 1) {
          inputs(item).forEach(function (i) { if (i.type === 'checkbox' || i.type === 'radio') { i.checked = false; } else { i.value = ''; } });
          inputs(item)[0].focus();
        } else {
          var position = all.indexOf(item);
          item.remove();
          var rest = items();
          inputs(rest[Math.max(0, position - 1)])[0].focus();
        }
        renumber();
      });
      item.appendChild(button);
    }

    items().forEach(function (item) {
      var index = parseInt(item.id.replace(/.*-/, ''), 10);
      nextIndex = Math.max(nextIndex, index + 1);
    });
    var all = items();
    if (all.length > 1 && blank(all[all.length - 1])) {
      all[all.length - 1].remove();
    }
    items().forEach(function (item) {
      var spare = item.querySelector(':scope > .hint');
      if (spare && spare.id === item.id + '-hint') { spare.remove(); item.removeAttribute('aria-describedby'); }
      removeButton(item);
    });

    var add = document.createElement('button');
    add.type = 'button';
    add.className = 'secondary';
    add.textContent = list.getAttribute('data-add-text');
    add.addEventListener('click', function () {
      var template = items()[0];
      var item = template.cloneNode(true);
      item.querySelectorAll('.error, [data-list-remove]').forEach(function (e) { e.remove(); });
      item.querySelectorAll('.has-error').forEach(function (e) { e.classList.remove('has-error'); });
      inputs(item).forEach(function (i) {
        i.removeAttribute('aria-invalid');
        if (i.type === 'checkbox' || i.type === 'radio') { i.checked = false; } else { i.value = ''; }
        var describedBy = (i.getAttribute('aria-describedby') || '').split(' ').filter(function (id) {
          return id && !/-error$/.test(id);
        });
        if (describedBy.length) { i.setAttribute('aria-describedby', describedBy.join(' ')); } else { i.removeAttribute('aria-describedby'); }
      });
      reindex(item, nextIndex++);
      removeButton(item);
      list.insertBefore(item, add);
      renumber();
      inputs(item)[0].focus();
    });
    list.appendChild(add);
    renumber();
  }

  document.querySelectorAll('fieldset[data-list]').forEach(dynamicList);
  document.querySelectorAll('form[data-autosave]').forEach(autosave);
  document.querySelectorAll('[data-uploads]').forEach(uploads);
}());

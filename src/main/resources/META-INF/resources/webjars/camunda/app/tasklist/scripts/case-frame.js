// The case inside the task form. Every staff form links to the staff case page (/staff/cases/REF); under that link
// this adds a frame with the page's compact variant, so that staff read the case, its documents and its timeline
// beside the decision they take, without leaving Tasklist. The link itself opens the full page in a new tab.
//
// Why not the iframe component of form-js: form-js 1.8.7, which renders Tasklist 7.24's forms, frames absolute https
// URLs only. It shows "External content couldn't be loaded" for /staff/cases/REF or any http URL, so a form would
// have to name the server it is deployed on.
//
// The framed page runs no script (sandbox without allow-scripts), and the server lets only this origin frame it.
var CASE_LINK = /^\/staff\/cases\/([A-Za-z0-9-]+)$/;
var scheduled = false;

function frameEveryCase() {
  scheduled = false;
  document.querySelectorAll('.fjs-form-field-text a[href^="/staff/cases/"]').forEach(function (link) {
    var reference = CASE_LINK.exec(link.getAttribute('href'));
    var text = link.closest('.fjs-form-field-text');
    if (!reference || text.querySelector('iframe.subside-case')) {
      return;
    }
    link.target = '_blank';
    link.rel = 'noopener';
    var frame = document.createElement('iframe');
    frame.className = 'subside-case';
    frame.title = 'Dossier ' + reference[1] + ' : résumé, pièces, historique / samenvatting, stukken, verloop';
    frame.setAttribute('sandbox', 'allow-same-origin allow-popups allow-downloads');
    frame.style.cssText = 'display: block; width: 100%; height: 440px; margin-top: .5rem; border: 1px solid #b5bfc7;';
    frame.src = '/staff/cases/' + reference[1] + '/embedded';
    text.appendChild(frame);
  });
}

// form-js renders a form whenever a task opens, outside Angular: watch the page, look at most once a frame
new MutationObserver(function () {
  if (!scheduled) {
    scheduled = true;
    window.requestAnimationFrame(frameEveryCase);
  }
}).observe(document.documentElement, {childList: true, subtree: true});

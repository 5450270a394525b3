// Our staff pages inside the task forms. Every staff form links to the staff case page (/staff/cases/REF); under that
// link this adds a frame with the page's compact variant, so that staff read the case, its documents and its timeline
// beside the decision they take, without leaving Tasklist. The committee's selection form links to the call's ranking
// and selection (/staff/calls/CODE/selection); under it, a frame with that page's compact variant, where the committee
// ticks the cases and saves its selection. The links themselves open the full pages in a new tab.
//
// Why not the iframe component of form-js: form-js 1.8.7, which renders Tasklist 7.24's forms, frames absolute https
// URLs only. It shows "External content couldn't be loaded" for /staff/cases/REF or any http URL, so a form would
// have to name the server it is deployed on.
//
// The framed pages run no script (sandbox without allow-scripts, and their CSP says script-src 'none'), and the
// server lets only this origin frame them. The selection's frame may also submit its own form (allow-forms), to this
// origin only (its CSP says form-action 'self'), with the page's token.
var FRAMED = [
  {
    link: /^\/staff\/cases\/([A-Za-z0-9-]+)$/,
    className: 'subside-case',
    src: function (reference) { return '/staff/cases/' + reference + '/embedded'; },
    title: function (reference) {
      return 'Dossier ' + reference + ' : résumé, pièces, historique / samenvatting, stukken, verloop';
    },
    sandbox: 'allow-same-origin allow-popups allow-downloads',
    height: '440px'
  },
  {
    link: /^\/staff\/calls\/([A-Za-z0-9-]+)\/selection$/,
    className: 'subside-selection',
    src: function (code) { return '/staff/calls/' + code + '/selection/embedded'; },
    title: function (code) {
      return 'Appel ' + code + ' : classement et sélection / Oproep ' + code + ': rangschikking en selectie';
    },
    sandbox: 'allow-same-origin allow-forms allow-popups',
    height: '640px'
  }
];
var scheduled = false;

function frameEveryPage() {
  scheduled = false;
  document.querySelectorAll('.fjs-form-field-text a[href^="/staff/"]').forEach(function (link) {
    var text = link.closest('.fjs-form-field-text');
    FRAMED.forEach(function (kind) {
      var match = kind.link.exec(link.getAttribute('href'));
      if (!match || text.querySelector('iframe.' + kind.className)) {
        return;
      }
      link.target = '_blank';
      link.rel = 'noopener';
      var frame = document.createElement('iframe');
      frame.className = kind.className;
      frame.title = kind.title(match[1]);
      frame.setAttribute('sandbox', kind.sandbox);
      frame.style.cssText = 'display: block; width: 100%; height: ' + kind.height
        + '; margin-top: .5rem; border: 1px solid #b5bfc7;';
      frame.src = kind.src(match[1]);
      text.appendChild(frame);
    });
  });
}

// form-js renders a form whenever a task opens, outside Angular: watch the page, look at most once a frame
new MutationObserver(function () {
  if (!scheduled) {
    scheduled = true;
    window.requestAnimationFrame(frameEveryPage);
  }
}).observe(document.documentElement, {childList: true, subtree: true});

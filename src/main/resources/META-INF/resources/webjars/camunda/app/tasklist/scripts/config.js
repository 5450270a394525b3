// Tasklist as subside serves it (it replaces the webapp's own config.js): French and Dutch besides English, chosen by
// the browser's language, French when the browser asks for none of them. The locale files beside it are ours.
export default {
  locales: {
    availableLocales: ['fr', 'nl', 'en'],
    fallbackLocale: 'fr'
  },
  // our additions, beside this file: dates in the language in use; the case framed in every staff form, and the
  // call's ranking and selection in the committee's form
  customScripts: ['scripts/date-locale', 'scripts/case-frame'],
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'prendre la tâche choisie / de gekozen taak opnemen'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'aller au premier filtre / naar de eerste filter gaan'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'aller à la première tâche de la liste / naar de eerste taak in de lijst gaan'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'aller au premier champ du formulaire / naar het eerste veld van het formulier gaan'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'démarrer un processus / een proces starten'
    }
  }
};

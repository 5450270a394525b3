// Cockpit as subside serves it (it replaces the webapp's own config.js): French and Dutch besides English, chosen by
// the browser's language, French when the browser asks for none of them. The locale files beside it are ours.
export default {
  locales: {
    availableLocales: ['fr', 'nl', 'en'],
    fallbackLocale: 'fr'
  }
};

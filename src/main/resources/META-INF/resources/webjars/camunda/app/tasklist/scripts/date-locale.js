// Dates in the language Tasklist speaks. Tasklist gives each locale file's "dateLocales" to moment with
// updateLocale/defineLocale, and moment makes the locale it last received the one every date uses; nothing switches it
// back to the language in use. Tasklist loads the browser's language and its fallback (French): when the French file
// comes last, as it always does once both are in the browser's storage, a Dutch Tasklist wrote "dans 3 ans". So after
// every locale file loaded and every change of language, moment is set to the language in use.
//
// Loaded by config.js (customScripts) before Tasklist starts; cam.tasklist.custom is the module Tasklist keeps for
// such additions.
window.angular.module('cam.tasklist.custom').run(['$rootScope', '$translate', 'amMoment',
  function ($rootScope, $translate, amMoment) {
    function followTheLanguageInUse() {
      var language = $translate.use() || $translate.proposedLanguage();
      if (language) {
        // also tells the relative dates on screen (am-time-ago) to write themselves again
        amMoment.changeLocale(language);
      }
    }
    $rootScope.$on('$translateLoadingSuccess', followTheLanguageInUse);
    $rootScope.$on('$translateChangeSuccess', followTheLanguageInUse);
    followTheLanguageInUse();
  }]);

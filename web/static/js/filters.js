// Search page: the filters fold into a <details>, closed on a phone so that the results come
// first. On a wide screen they sit beside the results, so they are opened there. Without
// JavaScript the summary opens them; nothing else depends on this script.
(function () {
  'use strict';
  var fold = document.querySelector('.filters-fold');
  if (!fold || !window.matchMedia) return;
  var wide = window.matchMedia('(min-width: 60rem)');
  function apply() {
    if (wide.matches) fold.open = true;
  }
  apply();
  if (wide.addEventListener) wide.addEventListener('change', apply);
})();

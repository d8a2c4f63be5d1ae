// Check-in page: scanning the ticket's QR code with the camera, where the browser can
// (BarcodeDetector and getUserMedia). Without them the page works as it is: the host types the
// code. The QR holds "JUO:" and the ticket code; the form is submitted as if typed.
// Issue 19: the search box filters the day's list as one types (accents, case, dashes and spaces
// ignored); without JavaScript the same search is the form's GET.
(function () {
  'use strict';
  var search = document.querySelector('[data-checkin-search] input[name="q"]');
  var items = document.querySelectorAll('[data-arrivals] [data-search]');
  var none = document.querySelector('[data-checkin-no-match]');
  if (!search || !items.length) return;
  var fold = function (text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  };
  var squeeze = function (text) { return fold(text).replace(/[^a-z0-9]/g, ''); };
  var filter = function () {
    var words = fold(search.value).trim();
    var code = squeeze(search.value).replace(/^juo/, '');
    var shown = 0;
    items.forEach(function (item) {
      var text = item.getAttribute('data-search');
      var match = !words || fold(text).indexOf(words) >= 0 ||
        (code.length >= 4 && squeeze(text).indexOf(code) >= 0);
      item.hidden = !match;
      if (match) shown += 1;
    });
    if (none) none.hidden = shown > 0;
  };
  search.addEventListener('input', filter);
})();
(function () {
  'use strict';
  var root = document.querySelector('[data-scanner]');
  var field = document.getElementById('f-code');
  if (!root || !field || !('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  var button = root.querySelector('button');
  var video = root.querySelector('video');
  root.hidden = false;
  button.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var stop = function () { stream.getTracks().forEach(function (t) { t.stop(); }); video.hidden = true; };
      var look = function () {
        detector.detect(video).then(function (codes) {
          var text = codes.length ? codes[0].rawValue : '';
          if (text) {
            stop();
            field.value = text.replace(/^JUO:/, '');
            field.form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }).catch(function () { window.requestAnimationFrame(look); });
      };
      look();
    }).catch(function () {
      root.querySelector('[data-scanner-error]').hidden = false;
    });
  });
})();

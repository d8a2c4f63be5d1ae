// Check-in page: scanning the ticket's QR code with the camera, where the browser can
// (BarcodeDetector and getUserMedia). Without them the page works as it is: the host types the
// code. The QR holds "JUO:" and the ticket code; the form is submitted as if typed.
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

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
// Issue 19 (3), ADR 0022: check-in that works offline. The page registers its service worker
// (checkin-sw.js: the page and its files open with no network) and, while online, keeps the day's
// list of tickets for the host's sites on the phone (GET /api/v1/host/check-ins/day). Offline, a
// code typed or scanned, or a line's "Pointer", is checked against that list: a code not in it is
// refused, one already checked in too; otherwise the scan is queued in localStorage with its
// original time and a random nonce, and the line and totals show it. Back online, the queue is
// uploaded in one batch (POST /api/v1/check-ins/sync): the server applies each scan once, however
// often it is sent; what it refused (a ticket checked in on another phone, a booking cancelled
// meanwhile) is shown until dismissed, then the page reloads with the server's totals.
(function () {
  'use strict';
  var root = document.querySelector('[data-offline]');
  if (!root) return;
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/static/js/checkin-sw.js', { scope: '/accueil/pointage' }).catch(function () {});
  }
  var store;
  try { store = window.localStorage; } catch (e) { return; }
  if (!store) return;
  var user = root.getAttribute('data-user') || '0';
  var keys = { day: 'juo.checkin.day.' + user, queue: 'juo.checkin.queue.' + user, report: 'juo.checkin.report.' + user };
  var lang = root.getAttribute('data-lang') === 'en' ? 'en' : 'fr';
  var msg = function (name) { return root.getAttribute('data-msg-' + name) || ''; };
  var fill = function (text, values) {
    var i = 0;
    return text.replace(/\{\}/g, function () { var v = values[i++]; return v === undefined ? '' : String(v); });
  };
  var count = function (name, n) {  // French: 0 and 1 are singular
    var one = lang === 'fr' ? n <= 1 : n === 1;
    return fill(msg(name + (one ? '-one' : '-other')), [n]);
  };
  var read = function (key, fallback) {
    try { var v = JSON.parse(store.getItem(key)); return v === null ? fallback : v; } catch (e) { return fallback; }
  };
  var write = function (key, value) { store.setItem(key, JSON.stringify(value)); };
  var normalise = function (text) {
    return String(text || '').trim().replace(/^juo\s*:/i, '').replace(/[\s-]/g, '').toUpperCase();
  };
  var spaced = function (code) { return code.replace(/(.{4})(?=.)/g, '$1-'); };
  var el = function (name) { return root.querySelector('[data-offline-' + name + ']'); };
  var csrfField = document.querySelector('[data-checkin-code] input[name="csrf"]');
  var csrf = csrfField ? csrfField.value : '';

  var show = function (node, text) { node.textContent = text || ''; node.hidden = !text; };
  var say = function (text) { show(el('error'), ''); show(el('status'), text); };
  var refuse = function (text) { show(el('status'), ''); show(el('error'), text); };

  var queue = function () { return read(keys.queue, []); };
  var day = function () { return read(keys.day, null); };

  // The page as the queue leaves it: queued lines marked, totals counting them, the queue's size.
  var totalsBase = null;
  var render = function () {
    var q = queue();
    var offline = !navigator.onLine;
    el('banner').hidden = !offline;
    var d = day();
    if (offline) show(el('age'), d ? fill(msg('list-age'), [new Date(d.kept_at).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB')]) : msg('no-list'));
    else show(el('age'), '');
    show(el('queue'), q.length ? count('queue', q.length) : '');
    var arrived = 0, arrivedBookings = 0, noShow = 0, noShowBookings = 0;
    q.forEach(function (scan) {
      var line = document.querySelector('[data-arrivals] [data-code="' + scan.ticket_code + '"]');
      var people = scan.people || 0;
      arrived += scan.attended < 0 ? people : scan.attended;
      arrivedBookings += 1;
      if (line) {
        if (line.getAttribute('data-state') !== 'queued') {
          line.setAttribute('data-state-before', line.getAttribute('data-state'));
          line.setAttribute('data-state', 'queued');
          line.className = 'arrival arrival--queued';
          var form = line.querySelector('form');
          if (form) form.hidden = true;
          var state = line.querySelector('.arrival__state');
          if (state) state.remove();
          var note = document.createElement('p');
          note.className = 'arrival__state arrival__state--queued';
          note.textContent = fill(msg('line-queued'), [count('people', scan.attended < 0 ? people : scan.attended)]);
          line.querySelector('.arrival__who').appendChild(note);
        }
        if (line.getAttribute('data-state-before') === 'no-show') { noShow += people; noShowBookings += 1; }
      }
    });
    var total = function (name) { return document.querySelector('[data-total="' + name + '"]'); };
    if (!total('arrived')) return;
    if (!totalsBase) {
      totalsBase = {};
      ['arrived', 'no-show'].forEach(function (name) {
        var label = total(name).nextElementSibling;
        totalsBase[name] = { people: Number(total(name).textContent), bookings: Number((label.textContent.match(/\d+/) || ['0'])[0]) };
      });
    }
    var set = function (name, people, bookings) {
      total(name).textContent = String(people);
      total(name).nextElementSibling.textContent = count('bookings', bookings);
    };
    set('arrived', totalsBase.arrived.people + arrived, totalsBase.arrived.bookings + arrivedBookings);
    set('no-show', Math.max(0, totalsBase['no-show'].people - noShow), Math.max(0, totalsBase['no-show'].bookings - noShowBookings));
  };

  // After an upload the page reloads for the server's list and totals. If the service worker had
  // to serve its kept copy instead (the network dropped again, or was not yet back for the worker),
  // the page still shows the list from before the upload: a ticket just sent is not shown arrived.
  // That is said, and the page is fetched again while online (a few times, then on 'online').
  var staleAfterUpload = function () {
    var report = read(keys.report, null);
    return Boolean(report && (report.codes || []).some(function (code) {
      var line = document.querySelector('[data-arrivals] [data-code="' + code + '"]');
      return line && line.getAttribute('data-state') !== 'arrived';
    }));
  };
  var stale = staleAfterUpload();
  root.setAttribute('data-totals', stale ? 'kept' : 'server');
  show(el('stale'), stale ? msg('stale') : '');
  var refetch = function () { if (navigator.onLine) window.location.replace(window.location.pathname); };
  if (stale) {
    var tries = 0;
    try { tries = Number(window.sessionStorage.getItem(keys.report + '.refetch') || 0); } catch (e) {}
    if (tries < 5) {
      try { window.sessionStorage.setItem(keys.report + '.refetch', String(tries + 1)); } catch (e) {}
      window.setTimeout(refetch, 1000 * (tries + 1));
    }
  } else {
    try { window.sessionStorage.removeItem(keys.report + '.refetch'); } catch (e) {}
    var fresh = read(keys.report, null);
    if (fresh && fresh.codes) { delete fresh.codes; write(keys.report, fresh); }
  }

  // What the last upload reported, until dismissed.
  var showReport = function () {
    var report = read(keys.report, null);
    var box = el('conflicts');
    if (report && report.synced) say(count('synced', report.synced));
    if (!report || !report.conflicts || !report.conflicts.length) {  // a plain success is said once
      if (!stale) store.removeItem(keys.report);  // (on the server's page, not on a kept copy)
      box.hidden = true;
      return;
    }
    var list = el('conflict-list');
    list.textContent = '';
    report.conflicts.forEach(function (c) {
      var item = document.createElement('li');
      item.setAttribute('data-offline-conflict', c.ticket_code);
      var time = new Date(c.scanned_at).toLocaleTimeString(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
      item.textContent = fill(msg('conflict'), [spaced(c.ticket_code), time, c.message]);
      list.appendChild(item);
    });
    box.hidden = false;
  };
  el('dismiss').addEventListener('click', function () {
    store.removeItem(keys.report);
    el('conflicts').hidden = true;
    show(el('status'), '');
  });

  var nonce = function () {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  };

  // A scan made offline: checked against the day's list, then queued.
  var scanOffline = function (typed, attendedText, at) {
    var code = normalise(typed);
    var d = day();
    var q = queue();
    var ticket = d && d.tickets.filter(function (t) { return t.ticket_code === code; })[0];
    if (!code || !ticket) return refuse(d ? fill(msg('unknown'), [spaced(code || '—')]) : msg('no-list'));
    if (ticket.attended !== null || q.some(function (s) { return s.ticket_code === code; })) {
      return refuse(fill(msg('already'), [spaced(code)]));
    }
    var attended = -1;
    if (String(attendedText || '').trim() !== '') {
      attended = Number(attendedText);
      if (!/^\d+$/.test(String(attendedText).trim()) || attended > 2 * ticket.people) {
        return refuse(fill(msg('bad-attended'), [2 * ticket.people]));
      }
    }
    q.push({ nonce: nonce(), ticket_code: code, attended: attended, scanned_at: at || new Date().toISOString(), people: ticket.people });
    write(keys.queue, q);
    var n = attended < 0 ? ticket.people : attended;
    say(fill(msg('queued'), [spaced(code), count('people', n)]));
    render();
  };

  // The day's list, kept while online.
  var keepList = function () {
    return fetch('/api/v1/host/check-ins/day', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (body) {
        if (!body) return;
        write(keys.day, {
          kept_at: new Date().toISOString(), day: body.day,
          tickets: body.arrivals.map(function (a) {
            return { ticket_code: a.ticket_code, booking_id: a.booking_id, people: a.people, attended: a.attended };
          })
        });
      }).catch(function () {});
  };

  // The queue, uploaded once back online; what the server answered for each scan.
  var syncing = false;
  var sync = function () {
    var q = queue();
    if (syncing || !q.length || !navigator.onLine) return Promise.resolve(false);
    syncing = true;
    // At most 200 scans per upload (the server takes 500): a long queue drains batch by batch.
    var scans = q.slice(0, 200).map(function (s) { return { nonce: s.nonce, ticket_code: s.ticket_code, attended: s.attended, scanned_at: s.scanned_at }; });
    return fetch('/api/v1/check-ins/sync', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ scans: scans })
    }).then(function (r) {
      if (r.status === 401 || r.status === 403) { refuse(msg('sign-in')); return false; }
      if (!r.ok) return false;
      return r.json().then(function (body) {
        var report = read(keys.report, { synced: 0, conflicts: [] });
        var done = {};
        body.results.forEach(function (res) {
          if (res.status === 'retry') return;
          done[res.nonce] = true;
          if (res.status === 'checked_in' || res.status === 'already_synced') {
            report.synced += 1;
            report.codes = (report.codes || []).concat([res.ticket_code]);
          } else {
            var scan = q.filter(function (s) { return s.nonce === res.nonce; })[0] || {};
            report.conflicts.push({ ticket_code: res.ticket_code, scanned_at: scan.scanned_at, status: res.status,
              message: lang === 'fr' ? res.error_fr : res.error });
          }
        });
        write(keys.queue, queue().filter(function (s) { return !done[s.nonce]; }));
        write(keys.report, report);
        return true;
      });
    }).catch(function () { return false; }).then(function (sent) {
      syncing = false;
      if (sent) window.location.replace(window.location.pathname);  // the server's list and totals
      return sent;
    });
  };

  // Online, a form is sent as it is; the scan it sends is noted for the tab, in case the signal is
  // too weak for it to arrive (the service worker then opens the kept page with ?hors-reseau=1).
  var session = window.sessionStorage;
  var note = function (code, attended, undo) {
    try { session.setItem(keys.report + '.pending', JSON.stringify({ code: code, attended: attended, undo: undo, at: new Date().toISOString() })); } catch (e) {}
  };
  var pending = null;
  try { pending = JSON.parse(session.getItem(keys.report + '.pending')); session.removeItem(keys.report + '.pending'); } catch (e) {}

  var codeForm = document.querySelector('[data-checkin-code]');
  if (codeForm) {
    codeForm.addEventListener('submit', function (event) {
      if (navigator.onLine) return note(codeForm.elements.code.value, codeForm.elements.attended.value, false);
      event.preventDefault();
      scanOffline(codeForm.elements.code.value, codeForm.elements.attended.value);
      codeForm.elements.code.value = '';
      codeForm.elements.attended.value = '';
      codeForm.elements.code.focus();
    });
  }
  document.querySelectorAll('[data-arrivals] form').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (navigator.onLine) {
        return note(form.elements.code.value, form.elements.attended ? form.elements.attended.value : '',
          form.elements.action.value === 'undo');
      }
      event.preventDefault();
      if (form.elements.action.value === 'undo') return refuse(msg('undo'));
      scanOffline(form.elements.code.value, form.elements.attended ? form.elements.attended.value : '');
    });
  });

  window.addEventListener('online', function () {
    if (stale) return refetch();
    render();
    sync().then(function (sent) { if (!sent) keepList(); });
  });
  window.addEventListener('offline', render);
  render();
  showReport();
  if (/[?&]hors-reseau=1/.test(window.location.search)) {
    window.history.replaceState(null, '', window.location.pathname);
    if (pending && pending.undo) refuse(msg('undo'));
    else if (pending) scanOffline(pending.code, pending.attended, pending.at);
  }
  // A weak signal: the queue is tried again every half minute until it is sent.
  window.setInterval(function () { if (queue().length) sync(); }, 30000);
  if (navigator.onLine) {
    sync().then(function (sent) { if (!sent) keepList(); });
  }
})();

// The bilan on the web: the organiser's dashboard (figures, the SVG charts, filters by edition,
// region and audience, the PDF and the exports of every table behind the charts as CSV, JSON and
// XLSX) and the public press page (national aggregate figures and charts only: no factory,
// school or person is named).
//
// Routes: GET /bilan, /bilan/graphiques/{chart}.svg, /bilan/bilan.pdf, /bilan/tableaux.json,
// /bilan/tableaux.xlsx, /bilan/tableaux/{table}.csv (each with ?edition=&region=&audience=),
// GET /presse and /presse/graphiques/{chart}.svg (?edition= only). A bad parameter gives a 400
// with the message, an unknown chart or table a 404.
//
// Access: the dashboard is open for now; accounts and roles come with issue 4, and then
// /bilan is for organisers and for relays, whose departments become the scope (BilanQuery).
//
// Thread-safety: handlers may run on any number of threads (BilanService serialises).
#pragma once

#include "services/bilan_service.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds the routes; `bilans` must outlive the router. Throws std::invalid_argument when it is null.
void RegisterBilanPages(http::Router& router, services::BilanService* bilans);

}  // namespace juo::web

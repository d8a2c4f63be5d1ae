// The imports' reports on pages and in JSON (see import_reports.h).
#include "web/backoffice/import_reports.h"

#include "web/kit/json_writer.h"

namespace juo::web {

std::string PastedCsv(const Form& form) {
    for (const auto& [k, v] : form.fields)
        if (k == "csv") return v;
    return "";
}

void SetImportProblems(PageData& d, const services::ImportReport& report, const Form& form, Lang lang) {
    if (report.problems.empty()) return;
    d.set("has_problems", true);
    d.set("problems_title", MsgFormat(lang, "media_problems", {std::to_string(report.problems.size())}));
    PageData problems(PageData::type::list);
    for (const auto& p : report.problems) {
        PageData item;
        item.set("line", std::to_string(p.line));
        item.set("text", MsgFormat(lang, "media_problem_at", {std::to_string(p.line), p.column}) + " " +
                             (lang == Lang::kFr ? p.reason_fr : p.reason));
        problems.push_back(item);
    }
    d.set("problems", problems);
    d.set("csv", PastedCsv(form));
    d.set("dry_run", form.Has("dry_run"));
}

std::string ImportReportJson(const services::ImportReport& report, bool dry_run) {
    JsonWriter w;
    w.BeginObject();
    w.Key("rows");
    w.Int(report.rows);
    w.Key("imported");
    w.Int(report.imported);
    w.Key("dry_run");
    w.Bool(dry_run);
    w.Key("problems");
    w.BeginArray();
    for (const auto& p : report.problems) {
        w.BeginObject();
        w.Key("line");
        w.Int(p.line);
        w.Key("column");
        w.String(p.column);
        w.Key("reason");
        w.String(p.reason);
        w.Key("reason_fr");
        w.String(p.reason_fr);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return w.Take();
}

}  // namespace juo::web

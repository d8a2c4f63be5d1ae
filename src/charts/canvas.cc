// Cairo/Pango helpers: text through PangoCairo with absolute sizes, SVG written to a string.
#include "charts/canvas.h"

#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>

namespace juo::charts {
namespace {

constexpr const char* kFontFamily = "DejaVu Sans";

PangoLayout* MakeLayout(cairo_t* cr, std::string_view text, double width, const TextStyle& style) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFontFamily);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    if (width > 0) {
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        if (style.one_line)
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        else
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout, style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                       : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    return layout;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

void SetColor(cairo_t* cr, Color c) { cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a); }

void Canvas::Fill(const Box& box, Color color) {
    SetColor(cr_, color);
    cairo_rectangle(cr_, box.x, box.y, box.w, box.h);
    cairo_fill(cr_);
}

void Canvas::RoundedFill(const Box& b, double r, Color color) {
    r = std::min({r, b.w / 2, b.h / 2});
    cairo_new_sub_path(cr_);
    cairo_arc(cr_, b.x + b.w - r, b.y + r, r, -M_PI / 2, 0);
    cairo_arc(cr_, b.x + b.w - r, b.y + b.h - r, r, 0, M_PI / 2);
    cairo_arc(cr_, b.x + r, b.y + b.h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr_, b.x + r, b.y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr_);
    SetColor(cr_, color);
    cairo_fill(cr_);
}

void Canvas::Line(double x0, double y0, double x1, double y1, Color color, double width) {
    SetColor(cr_, color);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x0, y0);
    cairo_line_to(cr_, x1, y1);
    cairo_stroke(cr_);
}

double Canvas::Text(std::string_view text, double x, double y, double width, const TextStyle& style) {
    PangoLayout* layout = MakeLayout(cr_, text, width, style);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    SetColor(cr_, style.color);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
    g_object_unref(layout);
    return static_cast<double>(h) / PANGO_SCALE;
}

double Canvas::TextHeight(std::string_view text, double width, const TextStyle& style) {
    PangoLayout* layout = MakeLayout(cr_, text, width, style);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    g_object_unref(layout);
    return static_cast<double>(h) / PANGO_SCALE;
}

double Canvas::TextWidth(std::string_view text, const TextStyle& style) {
    PangoLayout* layout = MakeLayout(cr_, text, 0, style);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    g_object_unref(layout);
    return static_cast<double>(w) / PANGO_SCALE;
}

double Canvas::FitSize(std::string_view text, double width, TextStyle style, double min_size) {
    const double natural = TextWidth(text, style);
    if (natural <= width || natural <= 0) return style.size;
    return std::max(min_size, style.size * width / natural);
}

std::string RenderSvg(double width, double height, const std::function<void(Canvas&)>& draw) {
    std::string out;
    cairo_surface_t* surface = cairo_svg_surface_create_for_stream(AppendToString, &out, width, height);
    cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
    cairo_t* cr = cairo_create(surface);
    {
        Canvas canvas(cr);
        draw(canvas);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return out;
}

}  // namespace juo::charts

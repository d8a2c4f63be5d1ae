// Drawing helpers over Cairo and Pango shared by every chart and the PDF: colours, boxes, text
// laid out by Pango in DejaVu Sans (sizes in user units, so that the SVG and the PDF match), and
// the two surfaces: an SVG document in memory for the web, PDF pages for print.
//
// Only src/charts sees Cairo and Pango. Thread-safety: a Canvas belongs to one thread; separate
// Canvases may draw at once (Pango's cairo font map is per thread).
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <string_view>

namespace juo::charts {

struct Color {
    double r = 0, g = 0, b = 0, a = 1;
};

// The JUO palette, from the 2025 bilan's navy and red.
namespace palette {
inline constexpr Color kNavy{0.114, 0.208, 0.341};
inline constexpr Color kRed{0.902, 0.224, 0.275};
inline constexpr Color kTeal{0.165, 0.616, 0.561};
inline constexpr Color kYellow{0.914, 0.769, 0.416};
inline constexpr Color kOrange{0.957, 0.635, 0.380};
inline constexpr Color kGrey{0.55, 0.57, 0.60};
inline constexpr Color kLight{0.93, 0.94, 0.95};
inline constexpr Color kInk{0.13, 0.15, 0.18};
inline constexpr Color kWhite{1, 1, 1};
}  // namespace palette

struct Box {
    double x = 0, y = 0, w = 0, h = 0;
};

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
    double size = 10;  // user units (points in the PDF, pixels in the SVG)
    bool bold = false;
    Color color = palette::kInk;
    Align align = Align::kLeft;
    bool one_line = false;  // no wrapping: an ellipsis (…) ends what does not fit
};

class Canvas {
 public:
    explicit Canvas(cairo_t* cr) : cr_(cr) {}
    cairo_t* cr() const { return cr_; }

    void Fill(const Box& box, Color color);
    void RoundedFill(const Box& box, double radius, Color color);
    void Line(double x0, double y0, double x1, double y1, Color color, double width = 1);
    // Lays `text` out in a column of `width` starting at (x, y) (top), wrapping words; returns
    // the height used. `text` is plain UTF-8 (no markup).
    double Text(std::string_view text, double x, double y, double width, const TextStyle& style);
    // The height `text` would take, without drawing.
    double TextHeight(std::string_view text, double width, const TextStyle& style);
    // The width of `text` on one line.
    double TextWidth(std::string_view text, const TextStyle& style);
    // The largest size up to style.size (and at least min_size) at which `text` fits `width` on one line.
    double FitSize(std::string_view text, double width, TextStyle style, double min_size);

 private:
    cairo_t* cr_;
};

void SetColor(cairo_t* cr, Color color);

// Draws with `draw` on an SVG surface of width × height and returns the document.
std::string RenderSvg(double width, double height, const std::function<void(Canvas&)>& draw);

}  // namespace juo::charts

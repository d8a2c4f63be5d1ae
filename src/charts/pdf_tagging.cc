// QPDF over Cairo's bytes: /Lang, XMP, Info, /Alt on the Figures, /Scope on the header cells,
// artifacts for the untagged page content. See pdf_tagging.h.
#include "charts/pdf_tagging.h"

#include <cctype>
#include <exception>
#include <memory>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QPDFWriter.hh>
#include <regex>
#include <set>

namespace juo::charts {
namespace {

std::string XmlEscape(std::string_view text) {
    std::string out;
    for (char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

// "2026-11-25T04:00:00Z" → "D:20261125040000Z" (PDF date, ISO 32000-1 §7.9.4).
std::string PdfDate(const std::string& iso) {
    std::string digits;
    for (char ch : iso)
        if (std::isdigit(static_cast<unsigned char>(ch))) digits += ch;
    return "D:" + digits + "Z";
}

std::string Xmp(const PdfAccessibility& info, const std::string& producer) {
    const std::string lang = XmlEscape(info.language);
    auto alt = [&](const std::string& text) {
        return "<rdf:Alt><rdf:li xml:lang=\"x-default\">" + XmlEscape(text) + "</rdf:li><rdf:li xml:lang=\"" +
               lang + "\">" + XmlEscape(text) + "</rdf:li></rdf:Alt>";
    };
    // The packet wrapper and its padding let an editor rewrite the metadata in place (XMP part 1).
    return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
           " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
           "  <rdf:Description rdf:about=\"\"\n"
           "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
           "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
           "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
           "   <dc:format>application/pdf</dc:format>\n"
           "   <dc:title>" +
           alt(info.title) +
           "</dc:title>\n"
           "   <dc:description>" +
           alt(info.subject) +
           "</dc:description>\n"
           "   <dc:creator><rdf:Seq><rdf:li>" +
           XmlEscape(info.author) +
           "</rdf:li></rdf:Seq></dc:creator>\n"
           "   <dc:language><rdf:Bag><rdf:li>" +
           lang +
           "</rdf:li></rdf:Bag></dc:language>\n"
           "   <xmp:CreateDate>" +
           info.date + "</xmp:CreateDate>\n   <xmp:ModifyDate>" + info.date +
           "</xmp:ModifyDate>\n   <xmp:MetadataDate>" + info.date +
           "</xmp:MetadataDate>\n"
           "   <xmp:CreatorTool>" +
           XmlEscape(info.creator_tool) +
           "</xmp:CreatorTool>\n"
           "   <pdf:Producer>" +
           XmlEscape(producer) +
           "</pdf:Producer>\n"
           "  </rdf:Description>\n"
           " </rdf:RDF>\n"
           "</x:xmpmeta>\n" +
           std::string(20, ' ') + "\n<?xpacket end=\"w\"?>";
}

// The structure elements under `node` (a StructTreeRoot, a StructElem, an array of kids) in
// depth-first order, which is the order Cairo began them in.
void CollectElements(QPDFObjectHandle node, std::vector<QPDFObjectHandle>& out, std::set<QPDFObjGen>& seen) {
    if (node.isArray()) {
        for (int i = 0; i < node.getArrayNItems(); ++i) CollectElements(node.getArrayItem(i), out, seen);
        return;
    }
    if (!node.isDictionary()) return;  // an MCID
    if (node.isIndirect() && !seen.insert(node.getObjGen()).second) return;
    const bool root = node.getKey("/Type").isNameAndEquals("/StructTreeRoot");
    if (!root) {
        if (!node.getKey("/S").isName()) return;  // a marked-content or object reference
        out.push_back(node);
    }
    CollectElements(node.getKey("/K"), out, seen);
}

bool StartsGraphicsObject(const std::string& op) {
    return op == "m" || op == "re" || op == "BT" || op == "Do" || op == "sh" || op == "BI";
}

bool EndsGraphicsObject(const std::string& op) {
    static const std::set<std::string> kEnds = {"S", "s",  "f", "F",  "f*", "B",  "B*",
                                                "b", "b*", "n", "ET", "Do", "sh", "EI"};
    return kEnds.count(op) > 0;
}

// Wraps every graphics object (path, text object, XObject, shading, inline image) that is outside
// all marked content in "/Artifact BMC … EMC": in a tagged PDF, content is either a structure
// element's or an artifact (ISO 32000-1 §14.8.2.2). Graphics-state operators (q, Q, cm, colours)
// stay outside the artifacts, so marked content and q/Q never interleave.
class ArtifactFilter : public QPDFObjectHandle::TokenFilter {
 public:
    void handleToken(QPDFTokenizer::Token const& token) override {
        if (token.getType() != QPDFTokenizer::tt_word) {
            pending_ += token.getRawValue();
            return;
        }
        const std::string& op = token.getValue();
        if (depth_ == 0 && !in_artifact_ && StartsGraphicsObject(op)) {
            write("/Artifact BMC\n");
            in_artifact_ = true;
        }
        write(pending_);
        pending_.clear();
        writeToken(token);
        if (op == "BDC" || op == "BMC") ++depth_;
        if (op == "EMC" && depth_ > 0) --depth_;
        if (op == "BT") in_text_ = true;
        if (op == "ET") in_text_ = false;
        // Marked content opened inside an artifact (Cairo's /Span /ActualText around a ligature
        // of the footer) nests in it; the artifact ends with its graphics object.
        if (in_artifact_ && depth_ == 0 && !in_text_ && EndsGraphicsObject(op)) {
            write("\nEMC");
            in_artifact_ = false;
        }
    }
    void handleEOF() override {
        write(pending_);
        pending_.clear();
        if (in_artifact_) write("\nEMC\n");
        in_artifact_ = false;
    }

 private:
    std::string pending_;  // operands (and spaces) of the operator to come
    int depth_ = 0;        // open marked-content sequences, not counting our artifact
    bool in_artifact_ = false, in_text_ = false;
};

}  // namespace

Result<std::string> FinishAccessiblePdf(std::string_view pdf, const PdfAccessibility& info) {
    static const std::regex kIsoUtc(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
    if (!std::regex_match(info.date, kIsoUtc))
        return MakeError(ErrorCode::kInvalidArgument,
                         "PDF date must be YYYY-MM-DDTHH:MM:SSZ, not " + info.date);
    try {
        QPDF qpdf;
        qpdf.setSuppressWarnings(true);
        qpdf.processMemoryFile("bilan.pdf", pdf.data(), pdf.size());
        QPDFObjectHandle root = qpdf.getRoot();
        QPDFObjectHandle tree = root.getKey("/StructTreeRoot");
        if (!tree.isDictionary())
            return MakeError(ErrorCode::kInvalidArgument, "the PDF has no structure tree (untagged)");

        std::vector<QPDFObjectHandle> elements;
        std::set<QPDFObjGen> seen;
        CollectElements(tree, elements, seen);
        size_t figure = 0;
        for (auto& element : elements) {
            QPDFObjectHandle type = element.getKey("/S");
            if (type.isNameAndEquals("/Figure")) {
                if (figure < info.figure_alts.size())
                    element.replaceKey("/Alt", QPDFObjectHandle::newUnicodeString(info.figure_alts[figure]));
                ++figure;
            } else if (type.isNameAndEquals("/TH")) {
                element.replaceKey("/A", QPDFObjectHandle::parse("<< /O /Table /Scope /Column >>"));
            }
        }
        if (figure != info.figure_alts.size())
            return MakeError(ErrorCode::kInvalidArgument,
                             "the PDF has " + std::to_string(figure) + " Figure elements for " +
                                 std::to_string(info.figure_alts.size()) + " alt texts");

        for (auto& page : QPDFPageDocumentHelper(qpdf).getAllPages())
            page.addContentTokenFilter(std::make_shared<ArtifactFilter>());

        QPDFObjectHandle trailer = qpdf.getTrailer();
        QPDFObjectHandle meta = trailer.getKey("/Info");
        if (!meta.isDictionary()) {
            meta = qpdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
            trailer.replaceKey("/Info", meta);
        }
        std::string producer =
            meta.getKey("/Producer").isString() ? meta.getKey("/Producer").getUTF8Value() : "";
        producer += std::string(producer.empty() ? "" : ", ") + "qpdf " + QPDF::QPDFVersion();
        const std::string date = PdfDate(info.date);
        meta.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(info.title));
        meta.replaceKey("/Subject", QPDFObjectHandle::newUnicodeString(info.subject));
        meta.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(info.author));
        meta.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString(info.creator_tool));
        meta.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(producer));
        meta.replaceKey("/CreationDate", QPDFObjectHandle::newString(date));
        meta.replaceKey("/ModDate", QPDFObjectHandle::newString(date));

        QPDFObjectHandle xmp = qpdf.newStream(Xmp(info, producer));
        xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
        xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
        root.replaceKey("/Metadata", xmp);
        root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(info.language));
        root.replaceKey("/MarkInfo", QPDFObjectHandle::parse("<< /Marked true >>"));
        QPDFObjectHandle prefs = root.getKey("/ViewerPreferences");
        if (!prefs.isDictionary()) {
            prefs = QPDFObjectHandle::newDictionary();
            root.replaceKey("/ViewerPreferences", prefs);
        }
        prefs.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));

        QPDFWriter writer(qpdf);
        writer.setOutputMemory();
        writer.setObjectStreamMode(qpdf_o_preserve);
        // Cairo's compressed streams are copied as they are; the filtered page contents are
        // compressed again; the XMP stays plain text, as XMP readers expect.
        writer.setDecodeLevel(qpdf_dl_none);
        writer.setCompressStreams(true);
        writer.setDeterministicID(true);
        writer.write();
        auto buffer = writer.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        return MakeError(ErrorCode::kInternal, std::string("qpdf: ") + e.what());
    }
}

}  // namespace juo::charts

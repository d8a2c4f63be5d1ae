// Audience labels.
#include "domain/audience.h"

namespace juo::domain {

std::string_view LabelFr(Audience a) {
    switch (a) {
        case Audience::kSchool:
            return "Scolaires";
        case Audience::kPublic:
            return "Grand public";
        case Audience::kJobSeekers:
            return "France Travail";
    }
    return "";
}

}  // namespace juo::domain

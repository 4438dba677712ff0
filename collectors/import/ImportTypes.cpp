#include "ImportTypes.h"

namespace perfcase {

std::string statusName(ImportOutcome::Status status)
{
    switch (status) {
    case ImportOutcome::Status::Imported:
        return "imported";
    case ImportOutcome::Status::Duplicate:
        return "duplicate";
    case ImportOutcome::Status::Skipped:
        return "skipped";
    case ImportOutcome::Status::Failed:
        return "failed";
    case ImportOutcome::Status::Cancelled:
        return "cancelled";
    }
    return "failed";
}

} // namespace perfcase
